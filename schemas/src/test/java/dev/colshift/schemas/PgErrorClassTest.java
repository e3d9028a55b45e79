package dev.colshift.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every SQLSTATE the services meet, and the class all of them agree it has. */
class PgErrorClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "55P03, LOCK_BUSY", // lock_timeout behind the application's lock
                "57014, CANCELLED_BY_TIMEOUT", // statement_timeout
                "40001, TRANSIENT", // serialization_failure
                "40P01, TRANSIENT", // deadlock_detected
                "53000, TRANSIENT", // insufficient_resources
                "53100, TRANSIENT", // disk_full
                "53200, TRANSIENT", // out_of_memory
                "53300, TRANSIENT", // too_many_connections
                "53400, TRANSIENT", // configuration_limit_exceeded
                "57P01, TRANSIENT", // admin_shutdown
                "57P02, TRANSIENT", // crash_shutdown
                "57P03, TRANSIENT", // cannot_connect_now
                "57P05, TRANSIENT", // idle_session_timeout
                "08000, TRANSIENT", // connection_exception
                "08003, TRANSIENT", // connection_does_not_exist
                "08006, TRANSIENT", // connection_failure
                "08001, TRANSIENT", // sqlclient_unable_to_establish_sqlconnection
                "08004, TRANSIENT", // sqlserver_rejected_establishment_of_sqlconnection
                "08P01, TRANSIENT", // protocol_violation
                "NULL, TRANSIENT", // no SQLSTATE: the connection went before PostgreSQL answered
                "'', TRANSIENT",
                "57P04, REFUSED", // database_dropped
                "57000, REFUSED", // operator_intervention, unspecified
                "55006, REFUSED", // object_in_use
                "55000, REFUSED", // object_not_in_prerequisite_state
                "23502, REFUSED", // not_null_violation
                "23505, REFUSED", // unique_violation
                "23514, REFUSED", // check_violation
                "22012, REFUSED", // division_by_zero
                "22P02, REFUSED", // invalid_text_representation
                "42P01, REFUSED", // undefined_table
                "42703, REFUSED", // undefined_column
                "42701, REFUSED", // duplicate_column
                "42501, REFUSED", // insufficient_privilege
                "25006, REFUSED", // read_only_sql_transaction
                "XX000, REFUSED", // internal_error
                "5, REFUSED"
            })
    void classifiesEveryCode(String sqlState, PgErrorClass expected) {
        assertEquals(expected, PgErrorClass.classify(sqlState));
    }

    @ParameterizedTest
    @CsvSource({"LOCK_BUSY, true", "TRANSIENT, true", "CANCELLED_BY_TIMEOUT, true", "REFUSED, false"})
    void onlyRefusalsAreNotWorthRepeating(PgErrorClass errorClass, boolean retryable) {
        assertEquals(retryable, errorClass.retryable());
    }
}

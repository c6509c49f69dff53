package io.atlasonboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The logging of src/main/resources/simplelogger.properties: SLF4J Simple is bound, warnings and errors only. */
class LoggingConfigTest {

    @Test
    void warningsAndErrorsOnlyThroughSlf4jSimple() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
        for (String name : new String[] {"io.atlasonboard.core.atlas.AtlasClient", "org.flywaydb.core.Flyway"}) {
            Logger log = LoggerFactory.getLogger(name);
            assertThat(log.isWarnEnabled()).as(name).isTrue();
            assertThat(log.isInfoEnabled()).as(name + " (SLF4J Simple's own default is info)").isFalse();
        }
    }
}

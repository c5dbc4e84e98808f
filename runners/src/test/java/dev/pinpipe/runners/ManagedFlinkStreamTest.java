package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManagedFlinkStreamTest {
  private static Map<String, Properties> group(String id, String... namesAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
    }
    return Map.of(id, properties);
  }

  @Test
  void eachPropertyOfTheGroupIsAnOptionOfStreamOnFlink() {
    assertArrayEquals(new String[] {"stream", "--runner=FlinkRunner", "--deltaRoot=s3://lake/delta", "--source=kinesis"},
        ManagedFlinkStream.commandLine(group("StreamOptions", "source", "kinesis", "deltaRoot", "s3://lake/delta")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"runner", "flinkMaster", "exitWhenCaughtUp"})
  void whatTheServiceDecidesIsRefusedNamingTheProperty(String name) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ManagedFlinkStream.commandLine(group("StreamOptions", name, "x")));
    assertTrue(refused.getMessage().startsWith("property " + name + " of group StreamOptions"), refused.getMessage());
  }

  @Test
  void anApplicationWithoutTheGroupIsRefusedNamingIt() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ManagedFlinkStream.commandLine(group("BeamApplicationProperties", "source", "kinesis")));
    assertTrue(refused.getMessage().contains("no property group StreamOptions")
        && refused.getMessage().contains("[BeamApplicationProperties]"), refused.getMessage());
  }
}

package dev.pinpipe.runners.dashboard;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dashboard's one page: served with its script and ECharts (from the WebJar in the jar) as
 * files, or exported with both and its data inlined, so the file needs no server and no network.
 */
final class Page {
  static final String ECHARTS_PATH = "/assets/echarts.min.js";
  static final String SCRIPT_PATH = "/assets/dashboard.js";
  private static final String SCRIPTS = "<!--SCRIPTS-->";

  private Page() {}

  static String live() {
    return template().replace(SCRIPTS,
        "<script src=\"" + ECHARTS_PATH + "\"></script>\n<script src=\"" + SCRIPT_PATH + "\"></script>");
  }

  static String exported(JsonNode data) {
    // "<" only occurs inside the JSON's strings, where \u003c means the same and cannot end the script.
    return template().replace(SCRIPTS, inline(echarts())
        + "\n<script>window.PINPIPE_DATA = " + data.toString().replace("<", "\\u003c") + ";</script>\n"
        + inline(script()));
  }

  private static String echarts;

  /** ECharts from its WebJar, read once (a megabyte). */
  static synchronized String echarts() {
    if (echarts == null) {
      echarts = Dashboard.resource("/META-INF/resources/webjars/echarts/" + webjarVersion("echarts") + "/dist/echarts.min.js");
    }
    return echarts;
  }

  private static String webjarVersion(String name) {
    java.util.Properties versions = new java.util.Properties();
    try {
      versions.load(new java.io.StringReader(Dashboard.resource("webjars.properties")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return versions.getProperty(name);
  }

  static String script() {
    return Dashboard.resource("dashboard.js");
  }

  private static String template() {
    return Dashboard.resource("index.html");
  }

  /** A script inlined in the page; it must not hold the text that would end its element early. */
  private static String inline(String script) {
    if (script.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
      throw new IllegalStateException("a script to inline holds </script");
    }
    return "<script>\n" + script + "\n</script>";
  }
}

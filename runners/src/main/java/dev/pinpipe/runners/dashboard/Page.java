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

  /**
   * What the served page may load: its own scripts and data, inline styles (its stylesheet, and
   * the styles ECharts sets on its tooltips), {@code data:} images (the empty icon); no inline
   * script, no plugin, no frame, no form.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self';"
      + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none';"
      + " frame-ancestors 'none'";

  private Page() {}

  static String live() {
    return template().replace(SCRIPTS,
        "<script src=\"" + ECHARTS_PATH + "\"></script>\n<script src=\"" + SCRIPT_PATH + "\"></script>");
  }

  static String exported(JsonNode data) {
    // "<" only occurs inside the JSON's strings, where \u003c means the same and cannot end the script.
    java.util.List<String> scripts = java.util.List.of(echarts(),
        "window.PINPIPE_DATA = " + data.toString().replace("<", "\\u003c") + ";", script());
    StringBuilder hashes = new StringBuilder();
    StringBuilder elements = new StringBuilder();
    for (String script : scripts) {
      String text = "\n" + script + "\n";
      hashes.append(" 'sha256-").append(sha256(text)).append('\'');
      elements.append(inline(text)).append('\n');
    }
    // A file has no server to send the policy: the page carries it, allowing its three scripts by hash.
    String policy = "default-src 'none'; script-src" + hashes + "; style-src 'unsafe-inline'; img-src data:;"
        + " base-uri 'none'; form-action 'none'";
    return template()
        .replace("<meta charset=\"utf-8\">",
            "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"" + policy + "\">")
        .replace(SCRIPTS, elements.toString());
  }

  private static String sha256(String text) {
    try {
      return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    return "<script>" + script + "</script>";
  }
}

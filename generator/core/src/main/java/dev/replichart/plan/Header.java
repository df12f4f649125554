package dev.replichart.plan;

/**
 * The spec's file name as every generated file's header shows it. The header sits inside comments
 * of many syntaxes (#, {{/* *\/}},
 * <!-- -->
 * , shell) and Helm reads some of those files as templates: every character outside the URL-safe
 * set is percent-encoded, so that no file name can end a comment, start a template action or add a
 * line. Chart.yaml carries the exact name, quoted, in its {@code replichart.dev/source} annotation.
 */
final class Header {
  private Header() {}

  static String fileName(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '_'
          || c == '-') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}

package dev.replichart.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

/**
 * {@code [[ text|yaml ]]}: a string as a YAML double-quoted scalar that reads back as exactly that
 * string. JSON's escaping is YAML's, except that JSON leaves U+0085, U+2028 and U+2029 as they are,
 * and a YAML parser folds those line breaks into a space: they are escaped too.
 */
final class YamlStringFilter implements Filter {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String getName() {
    return "yaml";
  }

  @Override
  public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
    try {
      return JSON.writeValueAsString(value == null ? "" : value.toString())
          .replace("\u0085", "\\u0085")
          .replace("\u2028", "\\u2028")
          .replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

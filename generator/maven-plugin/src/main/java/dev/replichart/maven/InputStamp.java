package dev.replichart.maven;

import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A digest of everything a generated and validated chart depends on: the generator's version, the
 * spec's bytes, the rendered files, and each values file's path and bytes. {@code generate} keeps
 * it in {@code target/} after a chart validated; when the next run computes the same stamp and the
 * chart directory still holds the rendered bytes, there is nothing to do.
 *
 * @param value {@code sha256} hex
 */
record InputStamp(String value) {

  static InputStamp of(String generatorVersion, Path spec, RenderedChart chart, List<Path> values)
      throws IOException {
    MessageDigest sha = sha256();
    field(sha, "generator", generatorVersion.getBytes(StandardCharsets.UTF_8));
    field(sha, "spec", Files.readAllBytes(spec));
    for (Map.Entry<String, String> file : chart.files().entrySet()) {
      field(sha, "file " + file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8));
    }
    for (Path file : values) {
      field(sha, "values " + file, Files.readAllBytes(file));
    }
    return new InputStamp(HexFormat.of().formatHex(sha.digest()));
  }

  /** Whether {@code file} holds this stamp. */
  boolean matches(Path file) throws IOException {
    return Files.isRegularFile(file)
        && Files.readString(file, StandardCharsets.UTF_8).strip().equals(value);
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void field(MessageDigest sha, String name, byte[] content) {
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(Long.toString(content.length).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(content);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}

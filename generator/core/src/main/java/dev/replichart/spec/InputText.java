package dev.replichart.spec;

import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A user's YAML file (a spec or a values file) as text: at most {@link #MAX_BYTES}, UTF-8, and
 * otherwise one problem that says what is wrong with it and where, instead of a decoder's {@code
 * Input length = 1}. The limit is read, not trusted from the file system, so a pipe or a device
 * cannot make the reader take more.
 */
public final class InputText {
  /** Largest spec or values file: a real one is a few kilobytes. */
  public static final int MAX_BYTES = 1 << 20;

  private InputText() {}

  /**
   * The file's text, without a UTF-8 byte order mark.
   *
   * @param display the file as problems name it
   * @param what what the file is, for messages ("the spec", "the values file")
   * @param ioCheck the check ID of every problem reported here
   */
  public static String read(Path file, String display, String what, String ioCheck)
      throws ProblemsException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw problem(
          Location.ofFile(display), "cannot read " + what + ": " + describe(e), "", ioCheck);
    }
    if (bytes.length > MAX_BYTES) {
      throw problem(
          Location.ofFile(display),
          what + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB",
          "a "
              + what.replaceFirst("^the ", "")
              + " is a few kilobytes of YAML; is this the right file?",
          ioCheck);
    }
    return decode(bytes, display, what, ioCheck);
  }

  /** Decodes UTF-8, or reports the first byte that is not UTF-8 text, at its line and column. */
  static String decode(byte[] bytes, String display, String what, String ioCheck)
      throws ProblemsException {
    if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
      throw problem(
          new Location(display, 1, 1),
          what + " is UTF-16 text (it starts with a UTF-16 byte order mark)",
          "save it as UTF-8",
          ioCheck);
    }
    int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    for (int i = start; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        boolean utf16 = i <= start + 1 && bytes.length > start + 2;
        throw problem(
            at(bytes, start, i, display),
            utf16
                ? what + " looks like UTF-16 text (a NUL byte in every other position)"
                : what + " holds a NUL byte: it is binary, not text",
            utf16 ? "save it as UTF-8" : "give a YAML text file",
            ioCheck);
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int bad = in.position();
      throw problem(
          at(bytes, start, bad, display),
          what
              + " is not UTF-8 text: byte 0x"
              + String.format("%02X", bytes[bad] & 0xff)
              + " does not decode",
          "save it as UTF-8",
          ioCheck);
    }
    return out.flip().toString();
  }

  /** The line and column of a byte offset, counting characters of the valid UTF-8 before it. */
  private static Location at(byte[] bytes, int start, int offset, String display) {
    String before = new String(bytes, start, offset - start, StandardCharsets.UTF_8);
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < before.length(); i++) {
      if (before.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Location(display, line, before.codePointCount(lineStart, before.length()) + 1);
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String describe(IOException e) {
    String reason = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return reason == null ? e.getClass().getSimpleName() : reason;
  }

  private static ProblemsException problem(
      Location location, String message, String hint, String checkId) {
    return new ProblemsException(List.of(new Problem(location, "", message, hint, checkId)));
  }
}

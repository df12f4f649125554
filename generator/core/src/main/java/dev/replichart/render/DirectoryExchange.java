package dev.replichart.render;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Swaps two directories in one step with Linux's {@code renameat2(RENAME_EXCHANGE)}, so a process
 * killed at any moment leaves the target either wholly old or wholly new. Java has no such call,
 * and two plain renames leave a moment in which the target does not exist.
 */
final class DirectoryExchange {
  private static final int AT_FDCWD = -100;
  private static final int RENAME_EXCHANGE = 2;
  private static final int ENOSYS = 38;
  private static final int EINVAL = 22;

  private interface LibC extends Library {
    int renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags)
        throws LastErrorException;
  }

  private static final LibC LIBC = load();

  private DirectoryExchange() {}

  private static LibC load() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return null;
    }
    try {
      return Native.load("c", LibC.class);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return null;
    }
  }

  /**
   * Exchanges {@code a} and {@code b} atomically.
   *
   * @return false when this system or file system cannot (the caller falls back to two renames)
   */
  static boolean exchange(Path a, Path b) throws IOException {
    if (LIBC == null) {
      return false;
    }
    try {
      LIBC.renameat2(AT_FDCWD, a.toString(), AT_FDCWD, b.toString(), RENAME_EXCHANGE);
      return true;
    } catch (UnsatisfiedLinkError e) {
      return false; // a C library older than renameat2 (glibc < 2.28)
    } catch (LastErrorException e) {
      if (e.getErrorCode() == ENOSYS || e.getErrorCode() == EINVAL) {
        return false; // kernel or file system without RENAME_EXCHANGE
      }
      throw new IOException("cannot exchange " + a + " and " + b + ": " + e.getMessage(), e);
    }
  }
}

package dev.replichart.kube;

import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;

/**
 * Loads Helm's native library from a per-user cache instead of a fresh temporary copy.
 *
 * <p>helm-java's own loader inflates the ~95 MB library out of its jar into a new temporary
 * directory on every start (about 0.8 s of CPU and 95 MB written per {@code replichart} run, and an
 * empty directory left behind in {@code /tmp}). This provider, registered ahead of helm-java's in
 * {@code META-INF/services}, extracts it once per library version to {@code
 * $XDG_CACHE_HOME/replichart} (default {@code ~/.cache/replichart}), keyed by the jar entry's CRC
 * and size, written to a temporary name and moved into place atomically, and loads that file. When
 * the cache cannot be used (no home, read-only, not in a jar) it falls back to helm-java's loader,
 * so the behaviour is the same either way, only slower.
 */
public final class CachedHelmLibrary implements NativeLibrary {
  private final NativeLibrary platform;

  public CachedHelmLibrary() {
    this.platform = platformLibrary();
  }

  /**
   * The platform library helm-java ships (linux-amd64 here): the first provider that is not this
   * class, looked up by type so that this constructor does not build itself again.
   */
  private static NativeLibrary platformLibrary() {
    return ServiceLoader.load(NativeLibrary.class, CachedHelmLibrary.class.getClassLoader())
        .stream()
        .filter(p -> p.type() != CachedHelmLibrary.class)
        .map(ServiceLoader.Provider::get)
        .findFirst()
        .orElse(null);
  }

  @Override
  public String getBinaryName() {
    if (platform == null) {
      throw new IllegalStateException(
          "No NativeLibrary implementation found, please add one of the supported dependencies");
    }
    return platform.getBinaryName();
  }

  @Override
  public HelmLib load() {
    String name = getBinaryName();
    Path cached;
    try {
      cached = cachedCopy(name);
    } catch (IOException | RuntimeException e) {
      cached = null;
    }
    if (cached == null) {
      return platform.load();
    }
    HelmLib lib = Native.load(cached.toString(), HelmLib.class);
    // what helm-java's loader does too: stop any repository server Helm started
    Runtime.getRuntime().addShutdownHook(new Thread(lib::RepoServerStopAll));
    return lib;
  }

  /** The cached library file, extracted first if needed; null when it is not in a jar. */
  private Path cachedCopy(String name) throws IOException {
    URL url = platform.getClass().getResource("/" + name);
    if (url == null) {
      return null;
    }
    URLConnection connection = url.openConnection();
    if (!(connection instanceof JarURLConnection jar)) {
      return null;
    }
    connection.setUseCaches(false);
    JarEntry entry = jar.getJarEntry();
    if (entry.getSize() < 0 || entry.getCrc() < 0) {
      return null;
    }
    Path dir =
        cacheRoot()
            .resolve(String.format("helm-%08x-%d", entry.getCrc(), entry.getSize()))
            .toAbsolutePath();
    Path file = dir.resolve(name);
    if (Files.isRegularFile(file) && Files.size(file) == entry.getSize()) {
      return file;
    }
    Files.createDirectories(dir);
    Path partial = Files.createTempFile(dir, name, ".partial");
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      if (Files.size(partial) != entry.getSize()) {
        throw new IOException("short copy of " + name);
      }
      // a concurrent run may have moved its copy in already: identical content, either wins
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return file;
  }

  private static Path cacheRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "replichart");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "replichart");
  }
}

package dev.replichart.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.jni.NativeLibrary;
import org.junit.jupiter.api.Test;

class CachedHelmLibraryTest {
  @Test
  void helmJavaPicksTheCachingLoaderFirst() {
    assertThat(NativeLibrary.getInstance()).isInstanceOf(CachedHelmLibrary.class);
  }

  @Test
  void loadsThePlatformLibraryHelmJavaShips() {
    assertThat(new CachedHelmLibrary().getBinaryName()).isEqualTo("helm-linux-amd64.so");
  }
}

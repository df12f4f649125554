package dev.replichart;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work started on another thread, shared by the stages that overlap their work. */
public final class Futures {
  private Futures() {}

  /**
   * The result of {@code future}, rethrowing what the work threw as it was thrown (a runtime
   * exception or error; anything else wrapped in an {@link IllegalStateException}).
   *
   * @param during what the work was, for the message when this thread is interrupted
   */
  public static <T> T await(Future<T> future, String during) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + during, e);
    }
  }
}

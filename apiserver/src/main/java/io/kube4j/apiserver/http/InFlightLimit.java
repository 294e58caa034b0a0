package io.kube4j.apiserver.http;

import io.kube4j.apiserver.auth.User;
import io.kube4j.machinery.errors.ApiException;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Upstream's max-in-flight filter: at most {@code readOnly} reads and {@code mutating} writes are
 * served at once; more get 429 TooManyRequests with {@code Retry-After: 1}, which client-go and
 * kubectl retry. Long-running requests (watches) are not counted, as upstream. Members of
 * {@code system:masters} are not counted either: upstream's priority and fairness puts them in its
 * {@code exempt} priority level, which is never queued or rejected, and the control-plane components
 * running in this process (controllers, scheduler, simulated nodes) are such clients.
 */
public final class InFlightLimit {

  private final Semaphore reads;
  private final Semaphore writes;

  public InFlightLimit(int readOnly, int mutating) {
    this.reads = new Semaphore(readOnly);
    this.writes = new Semaphore(mutating);
  }

  /** A held slot; closing it frees the slot. */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  private static final Slot NONE = () -> {};

  /** Takes a slot for a request or throws 429. */
  public Slot acquire(RequestInfo info, User user) {
    if (info.verb().equals("watch") || user.inGroup(User.MASTERS)) {
      return NONE;
    }
    boolean mutating = switch (info.verb()) {
      case "create", "update", "patch", "delete", "deletecollection" -> true;
      default -> false;
    };
    var semaphore = mutating ? writes : reads;
    if (!semaphore.tryAcquire()) {
      throw new ApiException(ApiException.Reason.TOO_MANY_REQUESTS, 429, "Too many requests, please try again later.",
          new ApiException.Details("", "", "", List.of(), 1));
    }
    return semaphore::release;
  }
}

package io.kube4j.controllers.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides how long an item waits before it is retried, as client-go's rate limiters do: {@link #when}
 * is called once per retry, {@link #forget} when the item succeeded so its history starts over.
 */
public sealed interface RateLimiter {

  /** How long {@code item} should wait before its next attempt; each call counts as one retry. */
  Duration when(String item);

  /** Clears {@code item}'s retry history. */
  void forget(String item);

  /** How many times {@code item} has been retried since it was last forgotten. */
  int numRequeues(String item);

  /**
   * Client-go's default controller rate limiter: the larger of a per-item exponential backoff
   * (5 ms doubling up to 1000 s) and an overall token bucket (10 per second, burst 100).
   */
  static RateLimiter controllerDefault(Clock clock) {
    return new MaxOf(List.of(
        new ItemExponentialBackoff(Duration.ofMillis(5), Duration.ofSeconds(1000)),
        new TokenBucket(clock, 10, 100)));
  }

  /** Per-item exponential backoff: {@code base * 2^failures}, capped at {@code max}. */
  final class ItemExponentialBackoff implements RateLimiter {
    private final Duration base;
    private final Duration max;
    private final ConcurrentHashMap<String, Integer> failures = new ConcurrentHashMap<>();

    public ItemExponentialBackoff(Duration base, Duration max) {
      this.base = base;
      this.max = max;
    }

    @Override
    public Duration when(String item) {
      int exponent = failures.merge(item, 1, Integer::sum) - 1;
      // 2^63 overflows; anything past 2^40 base units is far beyond any sane cap anyway.
      if (exponent > 40) {
        return max;
      }
      double nanos = base.toNanos() * Math.pow(2, exponent);
      return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    @Override
    public void forget(String item) {
      failures.remove(item);
    }

    @Override
    public int numRequeues(String item) {
      return failures.getOrDefault(item, 0);
    }
  }

  /**
   * An overall token bucket shared by all items (golang's {@code rate.Limiter} with reservations):
   * each call takes a token, going into debt when the bucket is empty; the debt is the delay.
   */
  final class TokenBucket implements RateLimiter {
    private final Clock clock;
    private final double perSecond;
    private final int burst;
    private double tokens;
    private Instant last;

    public TokenBucket(Clock clock, double perSecond, int burst) {
      this.clock = clock;
      this.perSecond = perSecond;
      this.burst = burst;
      this.tokens = burst;
      this.last = clock.instant();
    }

    @Override
    public synchronized Duration when(String item) {
      var now = clock.instant();
      if (now.isAfter(last)) {
        double elapsed = Duration.between(last, now).toNanos() / 1e9;
        tokens = Math.min(burst, tokens + elapsed * perSecond);
        last = now;
      }
      tokens -= 1;
      if (tokens >= 0) {
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) (-tokens / perSecond * 1e9));
    }

    @Override
    public void forget(String item) {
      // The bucket is shared; one item's success returns no tokens.
    }

    @Override
    public int numRequeues(String item) {
      return 0;
    }
  }

  /** The longest delay any of its limiters asks for. */
  final class MaxOf implements RateLimiter {
    private final List<RateLimiter> limiters;

    public MaxOf(List<RateLimiter> limiters) {
      this.limiters = List.copyOf(limiters);
    }

    @Override
    public Duration when(String item) {
      var longest = Duration.ZERO;
      for (var limiter : limiters) {
        var d = limiter.when(item);
        if (d.compareTo(longest) > 0) {
          longest = d;
        }
      }
      return longest;
    }

    @Override
    public void forget(String item) {
      limiters.forEach(l -> l.forget(item));
    }

    @Override
    public int numRequeues(String item) {
      return limiters.stream().mapToInt(l -> l.numRequeues(item)).max().orElse(0);
    }
  }
}

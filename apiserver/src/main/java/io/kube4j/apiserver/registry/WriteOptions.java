package io.kube4j.apiserver.registry;

/**
 * Per-request options of a write.
 *
 * @param dryRun {@code dryRun=All}: validate and answer, store nothing
 * @param fieldManager who makes the change (for managedFields)
 * @param force server-side apply: take ownership of conflicting fields
 * @param apply whether the write is a server-side apply, whose managedFields the apply already computed
 */
public record WriteOptions(boolean dryRun, String fieldManager, boolean force, boolean apply) {

  public static final WriteOptions DEFAULT = new WriteOptions(false, "", false, false);

  public WriteOptions asApply() {
    return new WriteOptions(dryRun, fieldManager, force, true);
  }
}

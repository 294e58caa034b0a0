/**
 * Server-side apply and {@code metadata.managedFields}, following upstream's structured-merge-diff (v4, as
 * in Kubernetes 1.32) and the apiserver's field manager.
 *
 * <p>How the API server uses it, per resource endpoint (kind, version, subresource):
 *
 * <pre>{@code
 * var ssa = new ServerSideApply(catalog.forKind(gvk).orElse(null), gvk, "",      // main resource
 *     FieldSet.of(FieldPath.fields("status")));                                        // strategy reset fields
 * var statusSsa = new ServerSideApply(schema, gvk, "status",
 *     FieldSet.of(FieldPath.fields("spec"), FieldPath.fields("metadata")));
 *
 * // PATCH application/apply-patch+yaml ?fieldManager=kubectl&force=false
 * ObjectNode toStore = ssa.apply(liveOrNull, appliedBody, "kubectl", false, clock.instant());
 *
 * // POST / PUT / other PATCH types, after defaulting, admission and the strategy
 * ObjectNode toStore = ssa.recordUpdate(oldOrNull, updated,
 *     ServerSideApply.managerName(fieldManagerParam, userAgent), clock.instant());
 * }</pre>
 *
 * <p>{@link io.kube4j.machinery.apply.FieldSet} is the set of owned paths with its {@code FieldsV1}
 * encoding; {@link io.kube4j.machinery.apply.ManagedFields} reads and writes the entries.
 */
package io.kube4j.machinery.apply;

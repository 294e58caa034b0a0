package io.kube4j.machinery.apply;

import static io.kube4j.machinery.apply.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.machinery.errors.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerSideApplyTest {

  private static final Instant T1 = Instant.parse("2025-01-01T10:00:00.750Z");
  private static final Instant T2 = Instant.parse("2025-01-01T11:00:00Z");
  private static final Instant T3 = Instant.parse("2025-01-01T12:00:00Z");

  private static final GroupVersionKind DEPLOYMENT_KIND = GroupVersionKind.of("apps/v1", "Deployment");

  private final ServerSideApply ssa = new ServerSideApply(Fixtures.DEPLOYMENT, DEPLOYMENT_KIND, "",
      FieldSet.of(FieldPath.fields("status")));

  private static ObjectNode deployment(String spec) {
    return json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','namespace':'default'},'spec':" + spec + "}");
  }

  /** What the tests compare: "manager operation [subresource]: fieldsV1" per entry, in stored order. */
  private static List<String> owners(ObjectNode o) {
    var out = new ArrayList<String>();
    var mf = o.path("metadata").path("managedFields");
    for (var e : mf) {
      out.add(e.get("manager").asText() + " " + e.get("operation").asText()
          + (e.has("subresource") ? " " + e.get("subresource").asText() : "") + ": "
          + FieldSet.fromFieldsV1(e.get("fieldsV1")).toFieldsV1Json().replace('"', '\''));
    }
    return out;
  }

  private static ObjectNode stored(ObjectNode o) {
    var c = o.deepCopy();
    ((ObjectNode) c.get("metadata")).put("uid", "u-1");
    return c;
  }

  private static ObjectNode withoutManagedFields(ObjectNode o) {
    var c = o.deepCopy();
    ((ObjectNode) c.get("metadata")).remove("managedFields");
    return c;
  }

  @Test
  void applyCreatesTheObjectAndRecordsTheApplierEntry() {
    var applied = deployment("{'replicas':2,'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.27',"
        + "'ports':[{'containerPort':80}]}]}}}");
    var out = ssa.apply(null, applied, "kubectl", false, T1);

    assertThat(withoutManagedFields(out)).isEqualTo(applied);
    var entry = out.at("/metadata/managedFields/0");
    assertThat(entry.toString()).isEqualTo("{\"manager\":\"kubectl\",\"operation\":\"Apply\",\"apiVersion\":\"apps/v1\","
        + "\"time\":\"2025-01-01T10:00:00Z\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:spec\":{\"f:replicas\":{},"
        + "\"f:template\":{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{},"
        + "\"f:ports\":{\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:containerPort\":{}}}}}}}}}}");
    assertThat(out.at("/metadata/managedFields").size()).isEqualTo(1);
  }

  @Test
  void reapplyingWithoutAFieldRemovesIt() {
    var first = ssa.apply(null, deployment("{'replicas':2,'paused':true,'template':{'metadata':{'labels':{'app':'web','tier':'x'}}}}"),
        "kubectl", false, T1);
    var second = ssa.apply(stored(first), deployment("{'replicas':2,'template':{'metadata':{'labels':{'app':'web'}}}}"),
        "kubectl", false, T2);

    assertThat(second.at("/spec").toString()).isEqualTo("{\"replicas\":2,\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}}}}");
    assertThat(owners(second)).containsExactly(
        "kubectl Apply: {'f:spec':{'f:replicas':{},'f:template':{'f:metadata':{'f:labels':{'f:app':{}}}}}}");
    assertThat(second.at("/metadata/managedFields/0/time").asText()).isEqualTo("2025-01-01T11:00:00Z");
  }

  @Test
  void aNoOpApplyKeepsTheObjectAndTheTime() {
    var applied = deployment("{'replicas':2}");
    var first = ssa.apply(null, applied, "kubectl", false, T1);
    var second = ssa.apply(stored(first), applied, "kubectl", false, T2);
    assertThat(second).isEqualTo(stored(first));
  }

  @Test
  void twoAppliersOfTheSameValueShareTheFieldAndItSurvivesOneLettingGo() {
    var a = ssa.apply(null, deployment("{'replicas':3,'paused':false}"), "alice", false, T1);
    var b = ssa.apply(stored(a), deployment("{'replicas':3}"), "bob", false, T2);
    // Bob changed nothing, so (as upstream) his entry gets no time and sorts first.
    assertThat(owners(b)).containsExactly(
        "bob Apply: {'f:spec':{'f:replicas':{}}}",
        "alice Apply: {'f:spec':{'f:paused':{},'f:replicas':{}}}");
    assertThat(b.at("/metadata/managedFields/0").has("time")).isFalse();

    var c = ssa.apply(stored(b), deployment("{'paused':false}"), "alice", false, T3);
    assertThat(c.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(owners(c)).containsExactly(
        "bob Apply: {'f:spec':{'f:replicas':{}}}",
        "alice Apply: {'f:spec':{'f:paused':{}}}");
  }

  @Test
  void conflictWithAnUpdaterFailsWithUpstreamMessageAndCauses() {
    var created = ssa.recordUpdate(null, deployment("{'replicas':1,'paused':false}"), "kubectl-client-side-apply", T1);
    assertThatThrownBy(() -> ssa.apply(stored(created), deployment("{'replicas':5}"), "kubectl", false, T2))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(409);
          assertThat(e.reason()).isEqualTo(ApiException.Reason.CONFLICT);
          assertThat(e.getMessage()).isEqualTo(
              "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
          assertThat(e.details().causes()).containsExactly(new ApiException.Cause("FieldManagerConflict",
              "conflict with \"kubectl-client-side-apply\" using apps/v1", ".spec.replicas"));
        });
  }

  @Test
  void severalConflictsAreGroupedByManager() {
    var a = ssa.apply(null, deployment("{'replicas':1,'paused':false}"), "alice", false, T1);
    var b = ssa.recordUpdate(stored(a), deployment("{'replicas':1,'paused':false,'template':{'spec':{'restartPolicy':'Always'}}}"),
        "kube-controller-manager", T2);
    assertThatThrownBy(() -> ssa.apply(stored(b),
        deployment("{'replicas':2,'paused':true,'template':{'spec':{'restartPolicy':'Never'}}}"), "bob", false, T3))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("Apply failed with 3 conflicts: conflicts with \"alice\":\n- .spec.paused\n"
              + "- .spec.replicas\nconflicts with \"kube-controller-manager\" using apps/v1:\n- .spec.template.spec.restartPolicy");
          assertThat(e.details().causes()).extracting(ApiException.Cause::field)
              .containsExactly(".spec.paused", ".spec.replicas", ".spec.template.spec.restartPolicy");
        });
  }

  @Test
  void forceTakesOwnership() {
    var created = ssa.recordUpdate(null, deployment("{'replicas':1,'paused':false}"), "kubectl-client-side-apply", T1);
    var out = ssa.apply(stored(created), deployment("{'replicas':5}"), "kubectl", true, T2);
    assertThat(out.at("/spec/replicas").asInt()).isEqualTo(5);
    assertThat(owners(out)).containsExactly(
        "kubectl Apply: {'f:spec':{'f:replicas':{}}}",
        "kubectl-client-side-apply Update: {'f:spec':{'f:paused':{}}}");
  }

  @Test
  void containersPortsAndEnvMergeByKeyAcrossAppliers() {
    var a = ssa.apply(null, deployment("{'template':{'spec':{'containers':[{'name':'app','image':'app:1',"
        + "'ports':[{'containerPort':80},{'containerPort':53,'protocol':'UDP'}],'env':[{'name':'A','value':'1'}]}]}}}"),
        "alice", false, T1);
    var b = ssa.apply(stored(a), deployment("{'template':{'spec':{'containers':[{'name':'sidecar','image':'envoy'},"
        + "{'name':'app','ports':[{'containerPort':8080,'protocol':'TCP'}],'env':[{'name':'B','value':'2'}]}]}}}"),
        "bob", false, T2);

    assertThat(b.at("/spec/template/spec/containers").toString()).isEqualTo("[{\"name\":\"sidecar\",\"image\":\"envoy\"},"
        + "{\"name\":\"app\",\"image\":\"app:1\",\"ports\":[{\"containerPort\":80},{\"containerPort\":53,\"protocol\":\"UDP\"},"
        + "{\"containerPort\":8080,\"protocol\":\"TCP\"}],\"env\":[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"}]}]");

    // Alice drops her UDP port and env var: only her items go, Bob's stay.
    var c = ssa.apply(stored(b), deployment("{'template':{'spec':{'containers':[{'name':'app','image':'app:1',"
        + "'ports':[{'containerPort':80}]}]}}}"), "alice", false, T3);
    assertThat(c.at("/spec/template/spec/containers").toString()).isEqualTo("[{\"name\":\"sidecar\",\"image\":\"envoy\"},"
        + "{\"name\":\"app\",\"image\":\"app:1\",\"ports\":[{\"containerPort\":80},{\"containerPort\":8080,\"protocol\":\"TCP\"}],"
        + "\"env\":[{\"name\":\"B\",\"value\":\"2\"}]}]");
  }

  @Test
  void aContainerAnApplierDropsIsDeletedWhenNobodyElseOwnsIt() {
    var a = ssa.apply(null, deployment("{'template':{'spec':{'containers':[{'name':'a','image':'a'},{'name':'b','image':'b'}]}}}"),
        "alice", false, T1);
    var b = ssa.apply(stored(a), deployment("{'template':{'spec':{'containers':[{'name':'a','image':'a'}]}}}"), "alice", false, T2);
    assertThat(b.at("/spec/template/spec/containers").toString()).isEqualTo("[{\"name\":\"a\",\"image\":\"a\"}]");
  }

  @Test
  void listsWithOnlyAPatchMergeKeyMergeByThatKey() {
    var a = ssa.apply(null, deployment("{'template':{'spec':{'initContainers':[{'name':'x','image':'x'}]}}}"), "alice", false, T1);
    var b = ssa.apply(stored(a), deployment("{'template':{'spec':{'initContainers':[{'name':'y','image':'y'}]}}}"), "bob", false, T2);
    assertThat(b.at("/spec/template/spec/initContainers").toString())
        .isEqualTo("[{\"name\":\"x\",\"image\":\"x\"},{\"name\":\"y\",\"image\":\"y\"}]");
  }

  @Test
  void setsMergeAndRemoveOnlyTheApplierElements() {
    var base = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','finalizers':%s}}";
    var a = ssa.apply(null, json(base.formatted("['a.io/x','a.io/y']")), "alice", false, T1);
    var b = ssa.apply(stored(a), json(base.formatted("['b.io/z','a.io/y']")), "bob", false, T2);
    assertThat(b.at("/metadata/finalizers").toString()).isEqualTo("[\"a.io/x\",\"b.io/z\",\"a.io/y\"]");
    assertThat(owners(b)).contains("bob Apply: {'f:metadata':{'f:finalizers':{'v:\\'a.io/y\\'':{},'v:\\'b.io/z\\'':{}}}}");
    var c = ssa.apply(stored(b), json(base.formatted("[]")), "alice", false, T3);
    assertThat(c.at("/metadata/finalizers").toString()).isEqualTo("[\"b.io/z\",\"a.io/y\"]");
  }

  static Stream<Arguments> atomicValues() {
    return Stream.of(
        Arguments.of("{'template':{'spec':{'containers':[{'name':'c','args':['a','b']}]}}}",
            "{'template':{'spec':{'containers':[{'name':'c','args':['z']}]}}}", "/spec/template/spec/containers/0/args",
            "[\"z\"]", ".spec.template.spec.containers[name=\"c\"].args"),
        Arguments.of("{'template':{'spec':{'nodeSelector':{'disk':'ssd','zone':'a'}}}}",
            "{'template':{'spec':{'nodeSelector':{'zone':'b'}}}}", "/spec/template/spec/nodeSelector",
            "{\"zone\":\"b\"}", ".spec.template.spec.nodeSelector"),
        Arguments.of("{'selector':{'matchLabels':{'app':'web','x':'y'}}}",
            "{'selector':{'matchLabels':{'app':'web'}}}", "/spec/selector",
            "{\"matchLabels\":{\"app\":\"web\"}}", ".spec.selector"));
  }

  @ParameterizedTest
  @MethodSource("atomicValues")
  void atomicListsAndMapsAreReplacedWholeAndConflictWhole(String first, String second, String pointer, String expected,
      String conflictPath) {
    var a = ssa.apply(null, deployment(first), "alice", false, T1);
    assertThatThrownBy(() -> ssa.apply(stored(a), deployment(second), "bob", false, T2))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details().causes())
            .extracting(ApiException.Cause::field).containsExactly(conflictPath));
    var b = ssa.apply(stored(a), deployment(second), "bob", true, T2);
    assertThat(b.at(pointer).toString()).isEqualTo(expected);
    var c = ssa.apply(stored(a), deployment(second), "alice", false, T2);
    assertThat(c.at(pointer).toString()).isEqualTo(expected);
  }

  @Test
  void anUpdateAfterApplyMovesOwnershipToTheUpdater() {
    var a = ssa.apply(null, deployment("{'replicas':2,'paused':false}"), "kubectl", false, T1);
    var edited = stored(a);
    ((ObjectNode) edited.get("spec")).put("replicas", 7);
    var b = ssa.recordUpdate(stored(a), edited, "kubectl-edit", T2);
    assertThat(owners(b)).containsExactly(
        "kubectl Apply: {'f:spec':{'f:paused':{}}}",
        "kubectl-edit Update: {'f:spec':{'f:replicas':{}}}");
    assertThat(b.at("/metadata/managedFields/1/time").asText()).isEqualTo("2025-01-01T11:00:00Z");

    // Re-applying the old value now conflicts with the editor.
    assertThatThrownBy(() -> ssa.apply(stored(b), deployment("{'replicas':2,'paused':false}"), "kubectl", false, T3))
        .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas");
  }

  @Test
  void anUpdateByAManagerThatAlsoAppliesKeepsTwoEntries() {
    var a = ssa.apply(null, deployment("{'replicas':2}"), "kubectl", false, T1);
    var edited = stored(a);
    ((ObjectNode) edited.get("spec")).put("paused", true);
    var b = ssa.recordUpdate(stored(a), edited, "kubectl", T2);
    assertThat(owners(b)).containsExactly(
        "kubectl Apply: {'f:spec':{'f:replicas':{}}}",
        "kubectl Update: {'f:spec':{'f:paused':{}}}");
  }

  @Test
  void createRecordsEverySetFieldWithUpstreamDotEntries() {
    var created = ssa.recordUpdate(null, deployment("{'replicas':1,'template':{'metadata':{'labels':{'app':'web'}},"
        + "'spec':{'containers':[{'name':'nginx','image':'nginx','resources':{}}]}}}"), "kubectl-create", T1);
    assertThat(owners(created)).containsExactly("kubectl-create Update: {'f:spec':{'f:replicas':{},'f:template':{'f:metadata':"
        + "{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{},'f:name':{},"
        + "'f:resources':{}}}}}}}");
  }

  @Test
  void updateTimeChangesOnlyWhenTheUpdaterChangesSomething() {
    var created = ssa.recordUpdate(null, deployment("{'replicas':1}"), "ctl", T1);
    var same = ssa.recordUpdate(stored(created), stored(created), "ctl", T2);
    assertThat(same.at("/metadata/managedFields/0/time").asText()).isEqualTo("2025-01-01T10:00:00Z");
    var changed = stored(created);
    ((ObjectNode) changed.get("spec")).put("replicas", 2);
    var after = ssa.recordUpdate(stored(created), changed, "ctl", T3);
    assertThat(after.at("/metadata/managedFields/0/time").asText()).isEqualTo("2025-01-01T12:00:00Z");
  }

  static Stream<Arguments> requestManagedFields() {
    return Stream.of(
        Arguments.of("[]", List.of()),
        Arguments.of("[{}]", List.of()),
        Arguments.of("[{'manager':'mine','operation':'Update','apiVersion':'apps/v1','fieldsType':'FieldsV1',"
            + "'fieldsV1':{'f:spec':{'f:paused':{}}}}]", List.of("mine Update: {'f:spec':{'f:paused':{}}}")),
        // Invalid or absent: the stored ones stay.
        Arguments.of("[{'manager':'x','operation':'Patch','apiVersion':'apps/v1','fieldsType':'FieldsV1'}]",
            List.of("creator Update: {'f:spec':{'f:paused':{},'f:replicas':{}}}")),
        Arguments.of(null, List.of("creator Update: {'f:spec':{'f:paused':{},'f:replicas':{}}}")));
  }

  @ParameterizedTest
  @MethodSource("requestManagedFields")
  void managedFieldsInARequestAreHonouredOrReset(String requested, List<String> expected) {
    var created = ssa.recordUpdate(null, deployment("{'replicas':1,'paused':false}"), "creator", T1);
    var update = stored(created);
    if (requested == null) {
      ((ObjectNode) update.get("metadata")).remove("managedFields");
    } else {
      ((ObjectNode) update.get("metadata")).set("managedFields", Fixtures.node(requested));
    }
    var out = ssa.recordUpdate(stored(created), update, "other", T2);
    assertThat(owners(out)).containsExactlyElementsOf(expected);
  }

  @Test
  void theOldestUpdatersBeyondTenAreMergedIntoAncientChanges() {
    var obj = ssa.recordUpdate(null, json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'w','labels':{'m0':'x'}}}"),
        "m0", Instant.parse("2025-01-01T00:00:00Z"));
    for (int i = 1; i <= 11; i++) {
      var next = stored(obj);
      ((ObjectNode) next.at("/metadata/labels")).put("m" + i, "x");
      obj = ssa.recordUpdate(stored(obj), next, "m" + i, Instant.parse("2025-01-01T00:00:00Z").plusSeconds(60L * i));
    }
    var owners = owners(obj);
    assertThat(owners).hasSize(10);
    assertThat(owners.getFirst()).isEqualTo("ancient-changes Update: {'f:metadata':{'f:labels':{'.':{},'f:m0':{},'f:m1':{},'f:m2':{}}}}");
    assertThat(owners.get(1)).startsWith("m3 Update");
    assertThat(owners.getLast()).startsWith("m11 Update");
  }

  @Test
  void ignoredFieldsAreNeverOwned() {
    var created = ssa.apply(null, json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'w'},'spec':{'replicas':1},"
        + "'status':{'replicas':1}}"), "kubectl", false, T1);
    assertThat(owners(created)).containsExactly("kubectl Apply: {'f:spec':{'f:replicas':{}}}");

    var status = new ServerSideApply(Fixtures.DEPLOYMENT, DEPLOYMENT_KIND, "status", FieldSet.of(FieldPath.fields("spec"),
        FieldPath.fields("metadata")));
    var updated = stored(created);
    updated.set("status", json("{'replicas':1,'readyReplicas':1}"));
    ((ObjectNode) updated.get("spec")).put("replicas", 3);
    var out = status.recordUpdate(stored(created), updated, "kube-controller-manager", T2);
    assertThat(owners(out)).containsExactly("kubectl Apply: {'f:spec':{'f:replicas':{}}}",
        "kube-controller-manager Update status: {'f:status':{'f:readyReplicas':{}}}");
  }

  @Test
  void scalingThroughTheScaleSubresourceThenApplyingReplicasConflicts() {
    var applied = ssa.apply(null, deployment("{'replicas':2}"), "kubectl", false, T1);
    var scale = new ServerSideApply(Fixtures.DEPLOYMENT, DEPLOYMENT_KIND, "scale", FieldSet.empty());
    var scaled = stored(applied);
    ((ObjectNode) scaled.get("spec")).put("replicas", 5);
    var afterScale = scale.recordUpdate(stored(applied), scaled, "kubectl", T2);
    assertThat(owners(afterScale)).containsExactly("kubectl Update scale: {'f:spec':{'f:replicas':{}}}");
    assertThat(afterScale.at("/metadata/managedFields/0/subresource").asText()).isEqualTo("scale");

    assertThatThrownBy(() -> ssa.apply(stored(afterScale), deployment("{'replicas':3}"), "kubectl", false, T3))
        .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas");
  }

  static Stream<Arguments> invalidConfigurations() {
    return Stream.of(
        Arguments.of("{'template':{'spec':{'containers':[{'image':'nginx'}]}}}",
            "failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: element 0: "
                + "associative list with keys has an element that omits key field \"name\" (and doesn't have default value)"),
        Arguments.of("{'template':{'spec':{'containers':[{'name':'a','ports':[{'protocol':'UDP'}]}]}}}",
            "failed to create typed patch object (default/web; apps/v1, Kind=Deployment): "
                + ".spec.template.spec.containers[name=\"a\"].ports: element 0: associative list with keys has an element that "
                + "omits key field \"containerPort\" (and doesn't have default value)"),
        Arguments.of("{'readOnly':true}",
            "failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.readOnly: field not declared in schema"),
        Arguments.of("{'template':{'spec':{'containers':[{'name':'a'},{'name':'a'}]}}}",
            "failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: "
                + "duplicate entries for key [name=\"a\"]"));
  }

  @ParameterizedTest
  @MethodSource("invalidConfigurations")
  void configurationsThatDoNotFitTheSchemaAreRejected(String spec, String message) {
    assertThatThrownBy(() -> ssa.apply(null, deployment(spec), "kubectl", false, T1))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(500);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "apps/v2, Deployment, 'invalid object type: apps/v2, Kind=Deployment'",
      "v1, Pod, 'invalid object type: /v1, Kind=Pod'",
      "apps/v1, StatefulSet, 'invalid object type: apps/v1, Kind=StatefulSet'"})
  void applyingAnotherKindOrVersionIsABadRequest(String apiVersion, String kind, String message) {
    var applied = deployment("{'replicas':1}");
    applied.put("apiVersion", apiVersion).put("kind", kind);
    assertThatThrownBy(() -> ssa.apply(null, applied, "kubectl", false, T1))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void appliedManagedFieldsAreABadRequest() {
    var applied = deployment("{}");
    ((ObjectNode) applied.get("metadata")).putArray("managedFields");
    assertThatThrownBy(() -> ssa.apply(null, applied, "kubectl", false, T1))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("metadata.managedFields must be nil");
        });
  }

  @Test
  void serverSideApplyAfterClientSideApplyTakesOverUnchangedFields() {
    var lastApplied = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"name\":\"web\","
        + "\"namespace\":\"default\"},\"spec\":{\"paused\":false,\"replicas\":2}}\n";
    var csa = deployment("{'replicas':2,'paused':false}");
    ((ObjectNode) csa.get("metadata")).putObject("annotations").put(ServerSideApply.LAST_APPLIED_ANNOTATION, lastApplied);
    var created = ssa.recordUpdate(null, csa, "kubectl-client-side-apply", T1);

    // Same values: no conflict for kubectl, which takes the fields over.
    var out = ssa.apply(stored(created), deployment("{'replicas':3}"), "kubectl", false, T2);
    assertThat(out.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(owners(out)).containsExactly("kubectl Apply: {'f:spec':{'f:replicas':{}}}",
        "kubectl-client-side-apply Update: {'f:metadata':{'f:annotations':{'.':{},"
            + "'f:kubectl.kubernetes.io/last-applied-configuration':{}}},'f:spec':{'f:paused':{}}}");
    assertThat(out.at("/metadata/annotations").get(ServerSideApply.LAST_APPLIED_ANNOTATION).asText()).isEqualTo(
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},"
            + "\"spec\":{\"replicas\":3}}\n");

    // Another manager gets no such pass.
    assertThatThrownBy(() -> ssa.apply(stored(created), deployment("{'replicas':3}"), "other", false, T2))
        .isInstanceOf(ApiException.class).hasMessageContaining("conflict with \"kubectl-client-side-apply\"");

    // A field changed since the last client-side apply still conflicts.
    var drifted = stored(created);
    ((ObjectNode) drifted.get("spec")).put("replicas", 9);
    var driftedOwned = ssa.recordUpdate(stored(created), drifted, "kubectl-client-side-apply", T2);
    assertThatThrownBy(() -> ssa.apply(stored(driftedOwned), deployment("{'replicas':3}"), "kubectl", false, T3))
        .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
  }

  @Test
  void applyOverAnUntrackedObjectGivesItsFieldsToBeforeFirstApply() {
    var untracked = stored(deployment("{'replicas':1,'paused':true}"));
    assertThatThrownBy(() -> ssa.apply(untracked, deployment("{'replicas':2}"), "kubectl", false, T1))
        .hasMessage("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas");
    var out = ssa.apply(untracked, deployment("{'replicas':1}"), "kubectl", false, T1);
    assertThat(owners(out)).containsExactly("kubectl Apply: {'f:spec':{'f:replicas':{}}}",
        "before-first-apply Update: {'f:spec':{'f:paused':{},'f:replicas':{}}}");
  }

  @Test
  void updatesOfUntrackedObjectsStayUntracked() {
    var untracked = stored(deployment("{'replicas':1}"));
    var changed = untracked.deepCopy();
    ((ObjectNode) changed.get("spec")).put("replicas", 2);
    assertThat(ssa.recordUpdate(untracked, changed, "ctl", T1).at("/metadata/managedFields").isMissingNode()).isTrue();
  }

  @Test
  void anUpdateThatDoesNotFitTheSchemaIsStoredWithoutManagedFields() {
    var created = ssa.recordUpdate(null, deployment("{'replicas':1}"), "ctl", T1);
    var broken = stored(created);
    ((ObjectNode) broken.get("spec")).set("template", json("{'spec':{'containers':[{'image':'x'}]}}"));
    var out = ssa.recordUpdate(stored(created), broken, "ctl", T2);
    assertThat(out.at("/metadata/managedFields").isMissingNode()).isTrue();
    assertThat(out.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("x");
  }

  @Test
  void managerNamesComeFromTheParameterOrTheUserAgent() {
    assertThat(ServerSideApply.managerName("", "kubectl-edit/v1.32.0 (linux/amd64) kubernetes/abc")).isEqualTo("kubectl-edit");
    assertThat(ServerSideApply.managerName("mine", "kubectl/v1.32.0")).isEqualTo("mine");
    assertThat(ServerSideApply.managerName(null, null)).isEmpty();
    assertThat(ServerSideApply.managerName("", "my\u0007tool/1.0")).isEqualTo("mytool");
    assertThat(ServerSideApply.managerName("", "x".repeat(200))).hasSize(128);
  }
}

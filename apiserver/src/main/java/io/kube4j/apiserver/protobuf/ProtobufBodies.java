package io.kube4j.apiserver.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.machinery.errors.ApiException;
import io.kubernetes.client.proto.Runtime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes request bodies sent as {@code application/vnd.kubernetes.protobuf} (what client-go's typed
 * clients, and so kubectl, send) into the JSON object the same client would have sent as JSON.
 *
 * <p>The wire form is upstream's: the 4 bytes {@code k8s\0}, then a {@code runtime.Unknown} whose
 * {@code typeMeta} names the kind and whose {@code raw} holds the kind's message. Message layouts come
 * from the descriptors of {@code io.kubernetes:client-java-proto}, loaded on the first call only, so a
 * server that never sees protobuf never pays for them.
 */
public final class ProtobufBodies {

  /** The protobuf media type of the Kubernetes API. */
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufBodies() {}

  /** {@link #decode(byte[], GroupVersionKind, List)} without warnings. */
  public static ObjectNode decode(byte[] body, GroupVersionKind expected) {
    return decode(body, expected, new ArrayList<>());
  }

  /**
   * Decodes a protobuf body meant to be an object of kind {@code expected}.
   *
   * @param warnings receives a warning for each protobuf field this server's descriptors do not know
   *     (upstream drops such fields silently; a newer client's field would otherwise vanish unnoticed)
   * @return the object as upstream's JSON serializer writes it, {@code apiVersion} and {@code kind} first
   * @throws ApiException 400 for a body that is not an upstream protobuf envelope, is truncated or
   *     malformed, or names another kind or version; 415 for a kind this server cannot decode from protobuf
   */
  public static ObjectNode decode(byte[] body, GroupVersionKind expected, List<String> warnings) {
    if (body.length == 0) {
      throw cannotHandle(expected, "empty data");
    }
    if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw cannotHandle(expected, "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
    }
    if (body.length == MAGIC.length) {
      throw cannotHandle(expected, "empty body");
    }
    DynamicMessage envelope;
    try {
      envelope = DynamicMessage.parseFrom(Envelope.UNKNOWN, Arrays.copyOfRange(body, MAGIC.length, body.length));
    } catch (InvalidProtocolBufferException e) {
      throw cannotHandle(expected, goError(e));
    }
    var actual = actualKind((DynamicMessage) envelope.getField(Envelope.TYPE_META), expected);
    if (!actual.apiVersion().equals(expected.apiVersion())) {
      throw ApiException.badRequest("the API version in the data (" + actual.apiVersion()
          + ") does not match the expected API version (" + expected.apiVersion() + ")");
    }
    if (!actual.kind().equals(expected.kind())) {
      throw ApiException.badRequest("the kind in the data (" + actual.kind() + ") does not match the expected kind (" + expected.kind() + ")");
    }
    var type = Loaded.MESSAGES.forKind(expected).orElseThrow(() -> new ApiException(ApiException.Reason.UNSUPPORTED_MEDIA_TYPE, 415,
        "the body of the request was in an unknown format - " + expected.kind() + " (" + expected.apiVersion()
            + ") cannot be sent as " + MEDIA_TYPE + " to this server - accepted media types include: application/json, application/yaml",
        ApiException.Details.NONE));
    DynamicMessage message;
    try {
      message = DynamicMessage.parseFrom(type, (ByteString) envelope.getField(Envelope.RAW));
    } catch (InvalidProtocolBufferException e) {
      throw cannotHandle(expected, goError(e));
    }
    try {
      var object = new ProtoJson(Loaded.FIELDS, warnings).object(message, "");
      var result = object.objectNode();
      result.put("apiVersion", actual.apiVersion());
      result.put("kind", actual.kind());
      result.setAll(object);
      return result;
    } catch (ProtoJson.MalformedBody e) {
      throw cannotHandle(expected, e.getMessage());
    }
  }

  /** Upstream fills what the envelope leaves empty from the kind the endpoint expects. */
  private static GroupVersionKind actualKind(DynamicMessage typeMeta, GroupVersionKind expected) {
    var apiVersion = (String) typeMeta.getField(Envelope.API_VERSION);
    var kind = (String) typeMeta.getField(Envelope.KIND);
    kind = kind.isEmpty() ? expected.kind() : kind;
    return apiVersion.isEmpty() ? new GroupVersionKind(expected.group(), expected.version(), kind) : GroupVersionKind.of(apiVersion, kind);
  }

  /** Upstream's (gogo-protobuf) wording where it is well known: a truncated body is an unexpected EOF. */
  private static String goError(InvalidProtocolBufferException e) {
    var message = String.valueOf(e.getMessage());
    return message.contains("input ended unexpectedly") ? "unexpected EOF" : message;
  }

  private static ApiException cannotHandle(GroupVersionKind expected, String why) {
    return ApiException.badRequest(expected.kind() + " in version \"" + expected.version() + "\" cannot be handled as a "
        + expected.kind() + ": " + why);
  }

  /**
   * The {@code runtime.Unknown} envelope, read as a dynamic message from its file's descriptor. The jar's generated
   * message classes are never used: they predate protobuf 3.21.7, protobuf-java warns that such code parsing
   * untrusted input is open to a denial of service, and the bodies here come from any client.
   */
  private static final class Envelope {
    static final Descriptor UNKNOWN = Runtime.getDescriptor().findMessageTypeByName("Unknown");
    static final FieldDescriptor TYPE_META = UNKNOWN.findFieldByName("typeMeta");
    static final FieldDescriptor RAW = UNKNOWN.findFieldByName("raw");
    static final FieldDescriptor API_VERSION = TYPE_META.getMessageType().findFieldByName("apiVersion");
    static final FieldDescriptor KIND = TYPE_META.getMessageType().findFieldByName("kind");
  }

  /** Loaded by the JVM on first use: the descriptors cost tens of milliseconds a server need not spend at start. */
  private static final class Loaded {
    static final KindMessages MESSAGES = KindMessages.builtin();
    static final GoJsonFields FIELDS = GoJsonFields.load();
  }

}

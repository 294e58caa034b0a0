package io.kube4j.apiserver.http;

/** Handles one request on its own virtual thread; may block. Throws {@code ApiException} to answer with a Status. */
@FunctionalInterface
public interface HttpHandler {
  void handle(ApiRequest request, ResponseSink response) throws Exception;
}

package io.kube4j.machinery.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.api.schema.Schema;
import io.kube4j.api.schema.Schema.ListType;
import io.kube4j.api.schema.Schema.Property;
import io.kube4j.api.schema.Schema.Type;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The merge triplets of upstream's typed merge tests (lhs | rhs | expected), run against our merge. */
class StructuredMergeTest {

  private static final Schema ROOT = schema();

  private static Schema schema() {
    var str = Schema.scalar(Type.STRING, "", "");
    var num = Schema.scalar(Type.NUMBER, "", "");
    var bool = Schema.scalar(Type.BOOLEAN, "", "");
    var element = Schema.object("myElement", "")
        .addProperty(Property.of("key", str, ""))
        .addProperty(Property.of("id", num, ""))
        .addProperty(Property.of("value", Schema.map(str), ""))
        .addProperty(Property.of("bv", bool, ""))
        .addProperty(Property.of("nv", num, ""));
    return Schema.object("myRoot", "")
        .addProperty(Property.of("numeric", num, ""))
        .addProperty(Property.of("string", str, ""))
        .addProperty(Property.of("bool", bool, ""))
        .addProperty(Property.of("setStr", Schema.array(str, ListType.SET, List.of()), ""))
        .addProperty(Property.of("setBool", Schema.array(bool, ListType.SET, List.of()), ""))
        .addProperty(Property.of("setNumeric", Schema.array(num, ListType.SET, List.of()), ""))
        .addProperty(Property.of("list", Schema.array(element, ListType.MAP, List.of("key", "id")), ""))
        .addProperty(Property.of("atomicList", Schema.array(str, ListType.ATOMIC, List.of()), ""));
  }

  private static final String TRIPLETS = """
      {"numeric":1} | {"numeric":3.14159} | {"numeric":3.14159}
      {"numeric":3.14159} | {"numeric":1} | {"numeric":1}
      {"string":"aoeu"} | {"bool":true} | {"string":"aoeu","bool":true}
      {"setStr":["a","b","c"]} | {"setStr":["a","b"]} | {"setStr":["a","b","c"]}
      {"setStr":["a","b"]} | {"setStr":["a","b","c"]} | {"setStr":["a","b","c"]}
      {"setStr":["a","b","c"]} | {"setStr":[]} | {"setStr":["a","b","c"]}
      {"setStr":[]} | {"setStr":["a","b","c"]} | {"setStr":["a","b","c"]}
      {"setStr":["a","b"]} | {"setStr":["b","a"]} | {"setStr":["b","a"]}
      {"setStr":["a","b","c"]} | {"setStr":["d","e","f"]} | {"setStr":["a","b","c","d","e","f"]}
      {"setStr":["a","b","c"]} | {"setStr":["c","d","e","f"]} | {"setStr":["a","b","c","d","e","f"]}
      {"setStr":["a","b","c","g","f"]} | {"setStr":["c","d","e","f"]} | {"setStr":["a","b","c","g","d","e","f"]}
      {"setStr":["a","b","c"]} | {"setStr":["d","e","f","x","y","z"]} | {"setStr":["a","b","c","d","e","f","x","y","z"]}
      {"setStr":["c","d","e","f"]} | {"setStr":["a","c","e"]} | {"setStr":["a","c","d","e","f"]}
      {"setStr":["a","b","c","x","y","z"]} | {"setStr":["d","e","f"]} | {"setStr":["a","b","c","x","y","z","d","e","f"]}
      {"setStr":["a","b","c","x","y","z"]} | {"setStr":["d","e","f","x","y","z"]} | {"setStr":["a","b","c","d","e","f","x","y","z"]}
      {"setStr":["c","a","g","f"]} | {"setStr":["c","f","a","g"]} | {"setStr":["c","f","a","g"]}
      {"setStr":["a","b","c","d"]} | {"setStr":["d","e","f","a"]} | {"setStr":["b","c","d","e","f","a"]}
      {"setStr":["c","d","e","f","g","h","i","j"]} | {"setStr":["2","h","3","e","4","k","l"]} | {"setStr":["c","d","f","g","2","h","i","j","3","e","4","k","l"]}
      {"setStr":["a","b","c","d","e","f","g","h","i","j"]} | {"setStr":["1","b","2","h","3","e","4","k","l"]} | {"setStr":["a","1","b","c","d","f","g","2","h","i","j","3","e","4","k","l"]}
      {"setStr":["a","b","b"]} | {"setStr":["c"]} | {"setStr":["a","b","b","c"]}
      {"setStr":["a","b","b"]} | {"setStr":["b"]} | {"setStr":["a","b"]}
      {"setStr":["a","b","b"]} | {"setStr":["a"]} | {"setStr":["a","b","b"]}
      {"setStr":["a","b","c","d","e","c"]} | {"setStr":["1","b","2","e","d"]} | {"setStr":["a","1","b","c","2","e","c","d"]}
      {"setStr":["a","b","c","d","e","c"]} | {"setStr":["1","b","2","c","e","d"]} | {"setStr":["a","1","b","2","c","e","d"]}
      {"setStr":["a","a","b","b"]} | {"setStr":["b","c","d"]} | {"setStr":["a","a","b","c","d"]}
      {"setStr":["a","a","b","b"]} | {"setStr":[]} | {"setStr":["a","a","b","b"]}
      {"setBool":[true]} | {"setBool":[false]} | {"setBool":[true, false]}
      {"setNumeric":[1,2,3.14159]} | {"setNumeric":[1,2,3]} | {"setNumeric":[1,2,3.14159,3]}
      {"setStr":["c","a","g","f","c","a"]} | {"setStr":["c","f","a","g"]} | {"setStr":["c","f","a","g"]}
      {"setNumeric":[1,2,3.14159,1,2]} | {"setNumeric":[1,2,3]} | {"setNumeric":[1,2,3.14159,3]}
      {"setBool":[true,false,true]} | {"setBool":[false]} | {"setBool":[true,false,true]}
      {"setBool":[true,false,true]} | {"setBool":[true]} | {"setBool":[true, false]}
      {"list":[{"key":"a","id":1,"value":{"a":"a"}}]} | {"list":[{"key":"a","id":1,"value":{"a":"a"}}]} | {"list":[{"key":"a","id":1,"value":{"a":"a"}}]}
      {"list":[{"key":"a","id":1,"value":{"a":"a"}}]} | {"list":[{"key":"a","id":2,"value":{"a":"a"}}]} | {"list":[{"key":"a","id":1,"value":{"a":"a"}},{"key":"a","id":2,"value":{"a":"a"}}]}
      {"list":[{"key":"a","id":1},{"key":"b","id":1}]} | {"list":[{"key":"a","id":1},{"key":"a","id":2}]} | {"list":[{"key":"a","id":1},{"key":"b","id":1},{"key":"a","id":2}]}
      {"list":[{"key":"b","id":2}]} | {"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]} | {"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]}
      {"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]} | {"list":[{"key":"c","id":3},{"key":"b","id":2}]} | {"list":[{"key":"a","id":1},{"key":"c","id":3},{"key":"b","id":2}]}
      {"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]} | {"list":[{"key":"c","id":3},{"key":"a","id":1}]} | {"list":[{"key":"b","id":2},{"key":"c","id":3},{"key":"a","id":1}]}
      {"atomicList":["a","a","a"]} | {"atomicList":null} | {"atomicList":null}
      {"atomicList":["a","b","c"]} | {"atomicList":[]} | {"atomicList":[]}
      {"atomicList":["a","a","a"]} | {"atomicList":["a","a"]} | {"atomicList":["a","a"]}
      {"list":[{"key":"a","id":1,"bv":true},{"key":"b","id":2},{"key":"a","id":1,"bv":false,"nv":2}]} | {"list":[{"key":"a","id":1,"nv":3},{"key":"c","id":3},{"key":"b","id":2}]} | {"list":[{"key":"a","id":1,"nv":3},{"key":"c","id":3},{"key":"b","id":2}]}
      {"list":[{"key":"a","id":1,"nv":1},{"key":"a","id":1,"nv":2}]} | {"list":[]} | {"list":[{"key":"a","id":1,"nv":1},{"key":"a","id":1,"nv":2}]}
      {"list":[{"key":"a","id":1,"nv":1},{"key":"a","id":1,"nv":2}]} | {} | {"list":[{"key":"a","id":1,"nv":1},{"key":"a","id":1,"nv":2}]}
      """;

  static Stream<Arguments> triplets() {
    return TRIPLETS.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> {
      var parts = l.split(" \\| ");
      return Arguments.of(parts[0], parts[1], parts[2]);
    });
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("triplets")
  void mergesAsUpstream(String lhs, String rhs, String expected) {
    var out = StructuredMerge.merge(Fixtures.node(lhs), Fixtures.node(rhs), TypeRef.of(ROOT));
    assertThat(out.toString()).isEqualTo(Fixtures.node(expected).toString());
  }
}

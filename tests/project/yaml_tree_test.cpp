// The YAML tree built from libyaml events: shapes, PyYAML safe_load semantics (nulls,
// merge keys, repeated keys, aliases), positions, errors and hostile inputs. Expected
// values were checked against PyYAML 6 (python3-yaml) where PyYAML and strata agree.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "common/error.h"
#include "project/yaml_document.h"
#include "project/yaml_tree.h"

namespace strata::yaml {
namespace {

using project::Json;

// Parses and keeps the tree alive for the test's nodes.
struct Parsed {
  explicit Parsed(std::string_view text) : result(parse(text)) {}
  Node root() const { return result.tree ? result.tree->root() : Node(); }
  std::string error() const { return result.error ? result.error->message : std::string(); }
  ParseResult result;
};

Json to_json(std::string_view text) {
  Parsed p(text);
  EXPECT_TRUE(p.result.tree) << p.error();
  return project::yaml_to_json(p.root());
}

// The error of parse_yaml as render_error prints it, for a file named f.yml.
std::string rendered_error(const std::string& text) {
  auto doc = project::parse_yaml(std::make_shared<const SourceText>(SourceText{"f.yml", text}));
  EXPECT_FALSE(doc.ok());
  return doc.ok() ? std::string() : render_error(doc.error());
}

TEST(YamlTree, ScalarsAreTypedLikePyYaml) {
  Json j = to_json("a: 1\nb: -2\nc: 1.5\nd: yes\ne: Off\nf: y\ng: hello\nh: '1'\ni: \"true\"\nj: 1_000\nk: .inf\n"
                   "l: !!str 7\nm: !!int \"8\"\nn: ! 9\n");
  EXPECT_TRUE(j["k"].is_number_float() && std::isinf(j["k"].get<double>()));
  j.erase("k");
  EXPECT_EQ(j, Json::parse(R"({"a":1,"b":-2,"c":1.5,"d":true,"e":false,"f":"y","g":"hello","h":"1","i":"true",
                               "j":1000,"l":"7","m":8,"n":"9"})"));
}

TEST(YamlTree, NullForms) {
  Parsed p("a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: ''\ng: \"null\"\nh: !!null x\ni: nULL\n");
  Node root = p.root();
  for (const char* key : {"a", "b", "c", "d", "e", "h"}) {
    EXPECT_TRUE(root[key].IsNull()) << key;
    EXPECT_TRUE(root[key]) << key;  // defined, unlike a missing key
    EXPECT_EQ(root[key].Scalar(), "") << key;
  }
  EXPECT_TRUE(root["f"].IsScalar());
  EXPECT_EQ(root["f"].Scalar(), "");
  EXPECT_TRUE(root["g"].IsScalar());
  EXPECT_EQ(root["g"].Scalar(), "null");
  EXPECT_EQ(project::yaml_to_json(root["g"]), "null");
  EXPECT_EQ(project::yaml_to_json(root["i"]), "nULL");
  EXPECT_FALSE(root["missing"]);
  EXPECT_EQ(root["missing"].Type(), NodeType::Undefined);
}

TEST(YamlTree, Tags) {
  Parsed p("plain: x\nsingle: 'x'\ndouble: \"x\"\nstr: !!str x\nbang: ! x\n");
  EXPECT_EQ(p.root()["plain"].Tag(), "?");
  EXPECT_EQ(p.root()["single"].Tag(), "!");
  EXPECT_EQ(p.root()["double"].Tag(), "!");
  EXPECT_EQ(p.root()["str"].Tag(), "tag:yaml.org,2002:str");
  EXPECT_EQ(p.root()["bang"].Tag(), "!");
}

TEST(YamlTree, BlockAndFlowCollections) {
  Parsed p("models:\n  - name: a\n    tags: [x, 'y']\n    meta: {k: [1, {z: 2}], e: {}}\n  - name: b\n    cols:\n    - c1\n    - c2\n");
  Node models = p.root()["models"];
  ASSERT_TRUE(models.IsSequence());
  EXPECT_EQ(models.size(), 2u);
  EXPECT_EQ(models[0]["name"].Scalar(), "a");
  EXPECT_EQ(models[1]["name"].Scalar(), "b");
  EXPECT_FALSE(models[2]);
  EXPECT_FALSE(models[-1]);
  EXPECT_EQ(models[uint32_t{1}]["name"].Scalar(), "b");
  EXPECT_EQ(models[size_t{1}]["name"].Scalar(), "b");
  EXPECT_FALSE(models["name"]);      // a key on a sequence
  EXPECT_FALSE(models[0]["name"][0]);  // an index on a scalar
  EXPECT_EQ(models[0]["meta"]["k"][1]["z"].Scalar(), "2");
  EXPECT_TRUE(models[0]["meta"]["e"].IsMap());
  EXPECT_EQ(models[0]["meta"]["e"].size(), 0u);
  std::vector<std::string> cols;
  for (const Node& c : models[1]["cols"]) cols.push_back(c.Scalar());
  EXPECT_EQ(cols, (std::vector<std::string>{"c1", "c2"}));
  std::vector<std::string> keys;
  for (const auto& entry : models[0]) keys.push_back(entry.first.Scalar());
  EXPECT_EQ(keys, (std::vector<std::string>{"name", "tags", "meta"}));
  auto it = models[0].begin();
  EXPECT_EQ(it->second.Scalar(), "a");
  EXPECT_EQ(to_json("models:\n  - name: a\n    tags: [x, 'y']\n"),
            Json::parse(R"({"models":[{"name":"a","tags":["x","y"]}]})"));
}

TEST(YamlTree, AnchorsAndAliasesShareTheNode) {
  Parsed p("base: &b {materialized: table, tags: [t]}\nm1: *b\nm2: *b\nname: &n x\nagain: *n\n");
  Node root = p.root();
  EXPECT_TRUE(root["m1"].is(root["base"]));
  EXPECT_TRUE(root["m2"].is(root["base"]));
  EXPECT_EQ(root["m2"]["tags"][0].Scalar(), "t");
  EXPECT_EQ(root["again"].Scalar(), "x");
}

TEST(YamlTree, UndefinedAliasIsAnError) {
  Parsed p("a: *nowhere\n");
  EXPECT_FALSE(p.result.tree);
  EXPECT_EQ(p.error(), "found undefined alias 'nowhere'");
  Parsed twice("a: &x 1\nb: &x 2\nc: *x\n");  // as PyYAML
  EXPECT_EQ(twice.error(), "found duplicate anchor 'x'");
  EXPECT_EQ(twice.result.error->mark.line, 1);
  // An alias inside its own anchor would be a cycle: the anchor is not defined yet there.
  Parsed cycle("a: &x [1, *x]\n");
  EXPECT_FALSE(cycle.result.tree);
}

TEST(YamlTree, MergeKeys) {
  const char* text =
      "a: &a {x: 1, y: 2}\n"
      "b: &b {y: 3, z: 4}\n"
      "c:\n  <<: [*a, *b]\n  w: 0\n"
      "d:\n  x: 9\n  <<: *a\n"
      "e:\n  <<: *b\n  z: 5\n";
  // PyYAML: {"c": {"y": 2, "z": 4, "x": 1, "w": 0}, "d": {"x": 9, "y": 2}, ...}
  Json j = to_json(text);
  EXPECT_EQ(j["c"].dump(), R"({"y":2,"z":4,"x":1,"w":0})");
  EXPECT_EQ(j["d"].dump(), R"({"x":9,"y":2})");
  EXPECT_EQ(j["e"].dump(), R"({"y":3,"z":5})");
  Parsed p(text);
  EXPECT_EQ(p.root()["d"]["x"].Scalar(), "9");
  EXPECT_EQ(p.root()["d"].size(), 2u);
  EXPECT_FALSE(p.root()["d"]["<<"]);
  // A quoted "<<" is an ordinary key.
  EXPECT_EQ(to_json("'<<': 1\n").dump(), R"({"<<":1})");
  Parsed bad("a: 1\nb:\n  <<: 5\n");
  EXPECT_FALSE(bad.result.tree);
  EXPECT_EQ(bad.error(), "expected a mapping or a list of mappings for merging ('<<')");
  EXPECT_EQ(bad.result.error->mark.line, 2);
  EXPECT_EQ(bad.result.error->mark.column, 6);
}

TEST(YamlTree, RepeatedKeysKeepTheFirstPositionAndTheLastValue) {
  Parsed p("k: 1\nj: 3\nk: 2\n");
  EXPECT_EQ(p.root().size(), 2u);
  EXPECT_EQ(p.root()["k"].Scalar(), "2");
  EXPECT_EQ(project::yaml_to_json(p.root()).dump(), R"({"k":2,"j":3})");
  // Large maps take the indexed path.
  std::string big;
  for (int i = 0; i < 100; ++i) big += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  big += "k7: last\n";
  Parsed q(big);
  EXPECT_EQ(q.root().size(), 100u);
  EXPECT_EQ(q.root()["k7"].Scalar(), "last");
  EXPECT_EQ(q.root()["k99"].Scalar(), "99");
}

TEST(YamlTree, MultiLineScalars) {
  Json j = to_json("lit: |\n  line one\n  line two\nfold: >\n  folded\n  text\n\n  para\nmulti: plain\n  continued\n  here\n"
                   "q: \"a\\tb\\u00e9\"\ns: 'it''s'\nkeep: |+\n  x\n\nstrip: |-\n  y\n");
  EXPECT_EQ(j["lit"], "line one\nline two\n");
  EXPECT_EQ(j["fold"], "folded text\npara\n");
  EXPECT_EQ(j["multi"], "plain continued here");
  EXPECT_EQ(j["q"], "a\tb\xc3\xa9");
  EXPECT_EQ(j["s"], "it's");
  EXPECT_EQ(j["keep"], "x\n\n");
  EXPECT_EQ(j["strip"], "y");
}

TEST(YamlTree, MarksAreZeroBasedLikeYamlCpp) {
  Parsed p("version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        description: \"x\"\n    flow: {k: v}\n");
  Node root = p.root();
  EXPECT_EQ(root.Mark().line, 0);
  Node models = root["models"];
  EXPECT_EQ(models.Mark().line, 2);  // a block sequence: at its first '-'
  EXPECT_EQ(models.Mark().column, 2);
  Node model = models[0];
  EXPECT_EQ(model.Mark().line, 2);  // a block map: at its first key
  EXPECT_EQ(model.Mark().column, 4);
  Node description = model["columns"][0]["description"];
  EXPECT_EQ(description.Mark().line, 5);  // a quoted scalar: at its quote
  EXPECT_EQ(description.Mark().column, 21);
  EXPECT_EQ(description.Mark().pos, 82);
  EXPECT_EQ(model["columns"][0].Mark().line, 4);
  EXPECT_EQ(model["columns"][0].Mark().column, 8);
  EXPECT_EQ(model["flow"].Mark().column, 10);  // a flow map: at '{'
  EXPECT_EQ(Node().Mark().line, -1);
}

TEST(YamlTree, UnicodeColumnsCountBytes) {
  Parsed p("d\xc3\xa9j\xc3\xa0: \"\xc3\xbc\xc3\xbc\"\nnext: \xe2\x82\xac\n");
  Node root = p.root();
  auto it = root.begin();
  EXPECT_EQ(it->first.Scalar(), "d\xc3\xa9j\xc3\xa0");
  EXPECT_EQ(it->second.Scalar(), "\xc3\xbc\xc3\xbc");
  EXPECT_EQ(it->second.Mark().column, 8);  // "déjà: " is 8 bytes
  EXPECT_EQ(it->second.Mark().pos, 8);
  EXPECT_EQ(root["next"].Mark().line, 1);
  EXPECT_EQ(root["next"].Mark().column, 6);
  EXPECT_EQ(root["next"].Mark().pos, 21);
  EXPECT_EQ(root["next"].Scalar(), "\xe2\x82\xac");
}

TEST(YamlTree, ByteOrderMarkAndCrLf) {
  Parsed p("\xEF\xBB\xBF" "a: b\r\nc: d\n");
  EXPECT_EQ(p.root().begin()->first.Mark().pos, 3);  // the key "a", past the mark
  EXPECT_EQ(p.root()["a"].Mark().pos, 6);
  EXPECT_EQ(p.root()["a"].Mark().column, 6);  // the mark's bytes count in the line, as render_error shows it
  EXPECT_EQ(p.root()["c"].Mark().line, 1);
  EXPECT_EQ(p.root()["c"].Mark().column, 3);
  EXPECT_EQ(p.root()["c"].Scalar(), "d");
}

TEST(YamlTree, EmptyAndCommentOnlyDocumentsAreNull) {
  for (const char* text : {"", "# only a comment\n\n   # another\n", "---\n", "\n\n"}) {
    Parsed p(text);
    ASSERT_TRUE(p.result.tree) << text;
    EXPECT_TRUE(p.root().IsNull()) << text;
    EXPECT_TRUE(p.root()) << text;
  }
}

TEST(YamlTree, OnlyTheFirstDocumentIsRead) {
  Parsed p("a: 1\n---\nb: 2\n");
  EXPECT_EQ(p.root()["a"].Scalar(), "1");
  EXPECT_FALSE(p.root()["b"]);
}

TEST(YamlTree, ErrorTextAndPosition) {
  EXPECT_EQ(rendered_error("a:\n\tb: 1\n"),
            "f.yml:2:1: error: invalid YAML: found character that cannot start any token (while scanning for the next "
            "token that starts at line 2, column 1)\n"
            " 2 | \tb: 1\n   | ^\n"
            "hint: fix the YAML syntax at this position (indentation, a missing ':' or an unclosed quote)\n");
  Parsed quote("a: \"abc\nb: 1\n");
  ASSERT_TRUE(quote.result.error);
  EXPECT_EQ(quote.error(), "found unexpected end of stream (while scanning a quoted scalar that starts at line 1, column 4)");
  EXPECT_EQ(quote.result.error->mark.line, 2);
  Parsed indent("models:\n  - name: a\n    columns:\n      - name: id\n       description: x\n");
  ASSERT_TRUE(indent.result.error);
  EXPECT_EQ(indent.error(),
            "did not find expected '-' indicator (while parsing a block collection that starts at line 4, column 7)");
  EXPECT_EQ(indent.result.error->mark.line, 4);
  EXPECT_EQ(indent.result.error->mark.column, 7);
  Parsed key("a: 1\n b: 2\n");
  ASSERT_TRUE(key.result.error);
  EXPECT_EQ(key.result.error->mark.line, 1);
  Parsed flow("a: [1, 2\n");
  ASSERT_TRUE(flow.result.error);
  EXPECT_EQ(flow.error(), "did not find expected ',' or ']' (while parsing a flow sequence that starts at line 1, column 4)");
  Parsed utf8(std::string("a: \xff\xfe\n"));
  ASSERT_TRUE(utf8.result.error);
  EXPECT_EQ(utf8.result.error->mark.line, 0);
  EXPECT_EQ(utf8.result.error->mark.column, 3);
}

TEST(YamlTree, DeepNestingIsAnErrorNotACrash) {
  std::string deep(10000, '[');
  Parsed p(deep);
  EXPECT_FALSE(p.result.tree);
  EXPECT_EQ(p.error(), "the YAML is nested deeper than 1000 levels");
  std::string ok = std::string(500, '[') + std::string(500, ']');
  Parsed q(ok);
  ASSERT_TRUE(q.result.tree) << q.error();
  EXPECT_EQ(project::yaml_to_json(q.root()).dump().size(), 1000u);
  std::string maps;
  for (int i = 0; i < 20000; ++i) maps += "{a: ";
  EXPECT_FALSE(Parsed(maps).result.tree);
}

TEST(YamlTree, AliasBombsAreRejected) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'j'; ++c) {
    text += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + prev;
    text += "]\n";
    prev = std::string(1, c);
  }
  Parsed p(text);
  EXPECT_FALSE(p.result.tree);
  EXPECT_NE(p.error().find("aliases in this YAML expand to more than"), std::string::npos) << p.error();
}

// Walks every node the way consumers do (lookups, marks, iteration).
size_t walk(Node node, int depth) {
  size_t nodes = 1;
  (void)node.Mark();
  (void)node.Tag();
  for (const auto& entry : node) {
    if (node.IsMap()) {
      EXPECT_TRUE(node[entry.first.Scalar()] || !entry.first.IsScalar());
      nodes += walk(entry.first, depth + 1) + walk(entry.second, depth + 1);
    } else {
      nodes += walk(entry, depth + 1);
    }
  }
  return nodes;
}

TEST(YamlTree, RandomInputsGiveATreeOrAnError) {
  std::mt19937 random(7);
  const std::string alphabet = std::string("[]{}:-,&*!|>'\"# \n\n  \tab<~?.%@\\\xc3\xa9") + std::string(1, '\0');
  const std::string seed = "a: &a {x: 1, y: [1, 2]}\nb: &b\n  y: 3\n  z: *a\nc:\n  <<: [*a, *b]\n  x: 0\nlit: |\n  t\n";
  size_t trees = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = seed;
    if (i % 2) {
      for (int k = 1 + static_cast<int>(random() % 4); k-- > 0;) text[random() % text.size()] = alphabet[random() % alphabet.size()];
    } else {
      text.clear();
      for (size_t k = random() % 40; k-- > 0;) text += alphabet[random() % alphabet.size()];
    }
    ParseResult result = parse(text);
    ASSERT_TRUE(result.tree || result.error) << text;
    if (result.tree) {
      ++trees;
      EXPECT_GE(walk(result.tree->root(), 0), 1u);
    } else {
      EXPECT_FALSE(result.error->message.empty());
    }
  }
  EXPECT_GT(trees, 1000u);  // the mutations keep many documents valid
}

TEST(YamlTree, ManyNodesStayCompact) {
  std::string text = "models:\n";
  for (int i = 0; i < 2000; ++i) text += "  - name: m" + std::to_string(i) + "\n    description: d\n    tags: [a, b]\n";
  Parsed p(text);
  ASSERT_TRUE(p.result.tree);
  EXPECT_EQ(p.root()["models"].size(), 2000u);
  EXPECT_EQ(p.root()["models"][1999]["name"].Scalar(), "m1999");
  // root, key, list, and per model: map, 3 keys, 2 values, a list of 2.
  EXPECT_EQ(p.result.tree->node_count(), 3u + 2000u * 9u);
}

}  // namespace
}  // namespace strata::yaml

#include "artifacts/json_stream.h"

#include <gtest/gtest.h>

namespace strata::artifacts {
namespace {

std::string streamed(const Json& json) {
  std::string text;
  JsonStream out(text);
  out.value(json);
  return text;
}

std::string dumped(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

// The streamed manifest must be byte-identical to what nlohmann::json would write.
TEST(JsonStream, WritesWhatNlohmannWrites) {
  std::vector<Json> values = {
      "plain identifier_with_more_than_eight_bytes",
      "quote \" backslash \\ slash / tab \t newline \n cr \r bell \x07 nul-free \x1f end",
      std::string("twelve bytes\"then a quote at a word boundary ok"),
      "accents é ü and emoji 😀 and CJK 漢字 inside longer text",
      "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a",
      "", "a", "\"", "ends with backslash\\",
      0, -1, 42, 9007199254740993LL, std::numeric_limits<int64_t>::min(), 18446744073709551615ULL,
      0.5, 1.0, -2.25, 1767225600.123456, 1e-7, 1e300, 0.1, 100000.0, 1e15, 1e16, 123456789.125, 0.0001,
      0.00001, -0.0, 0.0, 1e-300, 5e-324, 1.7976931348623157e308, -3.5e-10, 12345678901234567890.0,
      true, false, nullptr,
      Json::parse(R"({"nested": {"list": [1, "two", [3.5, null]], "empty": {}, "empty_list": []}, "k\"ey": "v"})"),
  };
  for (const auto& value : values) EXPECT_EQ(streamed(value), dumped(value)) << dumped(value);
}

TEST(JsonStream, ReplacesInvalidUtf8LikeNlohmannsReplaceHandler) {
  for (std::string bad : {std::string("abc\xff"), std::string("\xc3("), std::string("long prefix text \xe2\x82 end"),
                          std::string("\xed\xa0\x80 surrogate"), std::string("\xf0\x9f\x98")}) {
    Json value = bad;
    EXPECT_EQ(streamed(value), dumped(value)) << dumped(value);
  }
}

TEST(JsonStream, SeparatesMembersAndElements) {
  std::string text;
  JsonStream out(text);
  out.begin_object().field("a", 1).key("b").begin_array().value("x").value(nullptr).begin_object().end_object().end_array();
  out.string_or_null("c", "").string_or_null("d", "y").string_array("e", {"p", "q"}).end_object();
  EXPECT_EQ(text, R"({"a":1,"b":["x",null,{}],"c":null,"d":"y","e":["p","q"]})");
}

}  // namespace
}  // namespace strata::artifacts

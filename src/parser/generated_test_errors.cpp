#include "parser/generated_test_errors.h"

namespace strata::parser {

namespace {

bool in_generated_code(const SourceSpan& span, const manifest::Node& node) {
  return span.source && span.source->content == node.raw_code;
}

}  // namespace

Error at_test_entry(Error error, const manifest::Node& node) {
  if (!node.test_metadata || !node.span.known()) return error;
  const std::string generated = "the test generated from this entry, `" + node.raw_code + "`";
  if (in_generated_code(error.span, node)) {
    error.span = node.span;
    error.message += " (in " + generated + ")";
  }
  for (ErrorFrame& frame : error.chain)
    if (in_generated_code(frame.span, node)) {
      frame.span = node.span;
      frame.description += " by " + generated + ",";
    }
  return error;
}

}  // namespace strata::parser

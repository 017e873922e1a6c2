#pragma once
// The --select/--exclude syntax: arguments are unions of space-separated terms, each term
// an intersection of comma-separated criteria `[@][n+][method[.arg]:]value[+[n]]`.
// Errors point at the offending character of the argument, rendered like
//   --select:1:5: error: 'tga' is not a valid selector method; ...
//    1 | +tga:nightly
//      |  ^^^
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "graph/selection_spec.h"

namespace strata::graph {

// Maps a byte range of the text being parsed to a place the user can see.
using SpanAt = std::function<SourceSpan(size_t offset, size_t length)>;

// One criteria atom, e.g. "2+config.materialized:table+1"; errors carry span_at(...) of
// the offending characters and the criteria's span is span_at(0, text.size()).
Result<SelectionCriteria> parse_criteria(std::string_view text, const SpanAt& span_at);

// Union of all arguments of one flag (repeated flags and space-separated terms alike).
// `flag` names the source in errors ("--select", "--exclude"). The criteria leave
// indirect_selection unset: the invocation's --indirect-selection applies at evaluation.
Result<SelectionSpec> parse_selection_args(const std::vector<std::string>& args, const std::string& flag);

}  // namespace strata::graph

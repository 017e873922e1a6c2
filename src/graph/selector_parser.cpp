#include "graph/selector_parser.h"

#include <cctype>

#include "graph/selector_methods.h"

namespace strata::graph {

namespace {

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

Error syntax_error(const SpanAt& span_at, size_t offset, size_t length, std::string message,
                   std::string hint = {}) {
  Error error(ErrorCode::Usage, std::move(message), span_at(offset, length == 0 ? 1 : length));
  error.hint = std::move(hint);
  return error;
}

// Parses a depth like the "2" of "2+x"; digits only, bounded so it fits an int.
std::optional<int> parse_depth(std::string_view digits) {
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

const char* kOperatorHint =
    "selectors look like [@][n+][method:]value[+[n]], e.g. +tag:nightly, 2+orders+1, @stg_users";

}  // namespace

Result<SelectionCriteria> parse_criteria(std::string_view text, const SpanAt& span_at) {
  SelectionCriteria c;
  c.raw = std::string(text);
  c.span = span_at(0, text.size());
  size_t pos = 0, end = text.size();
  if (text.empty()) return syntax_error(span_at, 0, 1, "empty selector", kOperatorHint);

  if (text[pos] == '@') {
    c.childrens_parents = true;
    ++pos;
  }
  // n+ prefix: digits are a depth only when a '+' follows them.
  {
    size_t d = pos;
    while (d < end && is_digit(text[d])) ++d;
    if (d < end && text[d] == '+') {
      c.parents = true;
      if (d > pos) {
        c.parents_depth = parse_depth(text.substr(pos, d - pos));
        if (!c.parents_depth) return syntax_error(span_at, pos, d - pos, "graph depth is too large", kOperatorHint);
      }
      pos = d + 1;
    }
  }
  // +[n] suffix: the last '+' when only digits follow it.
  {
    size_t d = end;
    while (d > pos && is_digit(text[d - 1])) --d;
    if (d > pos && text[d - 1] == '+') {
      c.children = true;
      if (d < end) {
        c.children_depth = parse_depth(text.substr(d, end - d));
        if (!c.children_depth) return syntax_error(span_at, d, end - d, "graph depth is too large", kOperatorHint);
      }
      end = d - 1;
    }
  }
  if (c.childrens_parents && c.children)
    return syntax_error(span_at, end, text.size() - end,
                        "the '@' prefix and a '+' suffix cannot be combined",
                        "@x already selects x, its descendants and their ancestors; drop the trailing '+'");

  // method[.arg...]: when the text up to the first ':' is word characters and dots.
  size_t method_end = pos;
  while (method_end < end && (is_word(text[method_end]) || text[method_end] == '.')) ++method_end;
  size_t value_start = pos;
  if (method_end < end && text[method_end] == ':' && method_end > pos) {
    std::string_view spec = text.substr(pos, method_end - pos);
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
      size_t dot = spec.find('.', start);
      std::string_view part = spec.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
      if (part.empty())
        return syntax_error(span_at, pos + start, 1, "empty part in selector method '" + std::string(spec) + "'",
                            kOperatorHint);
      parts.emplace_back(part);
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    size_t name_len = parts[0].size();
    auto method = parse_selector_method(parts[0]);
    if (!method)
      return syntax_error(span_at, pos, name_len,
                          "'" + parts[0] + "' is not a valid selector method; valid methods are: " +
                              valid_selector_methods());
    c.method = *method;
    c.method_args.assign(parts.begin() + 1, parts.end());
    value_start = method_end + 1;
  }
  c.value = std::string(text.substr(value_start, end - value_start));
  if (c.value.empty())
    return syntax_error(span_at, value_start, 1,
                        value_start > pos ? "missing value after ':'" : "missing node name or method:value",
                        kOperatorHint);
  if (value_start == pos) c.method = default_method_for(c.value);

  // Operators can only sit at the ends; anywhere else they are a typo (dbt would look for a
  // node literally named "a+b" and find nothing).
  if (c.method != SelectorMethod::Path && c.method != SelectorMethod::File && c.method != SelectorMethod::Config) {
    for (size_t i = 0; i < c.value.size(); ++i) {
      char ch = c.value[i];
      if (ch == '+' || ch == '@')
        return syntax_error(span_at, value_start + i, 1,
                            std::string("unexpected '") + ch + "' inside a selector value", kOperatorHint);
    }
  }
  if (auto problem = check_method_value(c.method, c.method_args, c.value)) {
    // Problems with the method's arguments point at the method, others at the value.
    bool about_args = c.method == SelectorMethod::Config ? c.method_args.empty() : !c.method_args.empty();
    if (about_args) return syntax_error(span_at, pos, value_start - 1 - pos, *problem);
    return syntax_error(span_at, value_start, c.value.size(), *problem);
  }
  return c;
}

Result<SelectionSpec> parse_selection_args(const std::vector<std::string>& args, const std::string& flag) {
  std::vector<SelectionSpec> terms;
  std::string raw_all;
  for (const std::string& arg : args) {
    auto source = std::make_shared<SourceText>(SourceText{flag, arg});
    SpanAt base_span = [source](size_t offset, size_t length) {
      return SourceSpan::at_offset(source, offset, static_cast<uint32_t>(length));
    };
    if (!raw_all.empty()) raw_all += " ";
    raw_all += arg;
    size_t pos = 0;
    while (pos < arg.size()) {
      while (pos < arg.size() && is_space(arg[pos])) ++pos;
      if (pos == arg.size()) break;
      size_t term_end = pos;
      while (term_end < arg.size() && !is_space(arg[term_end])) ++term_end;
      std::string term = arg.substr(pos, term_end - pos);

      std::vector<SelectionSpec> parts;
      size_t part_start = 0;
      while (true) {
        size_t comma = term.find(',', part_start);
        size_t part_end = comma == std::string::npos ? term.size() : comma;
        if (part_end == part_start)
          return syntax_error(base_span, pos + part_start, 1,
                              comma == std::string::npos ? "missing selector after ','" : "empty selector before ','",
                              "intersections are written a,b with no spaces, e.g. tag:nightly,config.materialized:table");
        size_t offset = pos + part_start;
        SpanAt span_at = [&base_span, offset](size_t o, size_t l) { return base_span(offset + o, l); };
        auto criteria = parse_criteria(std::string_view(term).substr(part_start, part_end - part_start), span_at);
        if (!criteria.ok()) return std::move(criteria).error();
        parts.push_back(SelectionSpec::of(std::move(criteria).value()));
        if (comma == std::string::npos) break;
        part_start = comma + 1;
      }
      SelectionSpec intersection = SelectionSpec::group(SelectionSpec::Kind::Intersection, std::move(parts), term);
      intersection.expect_exists = true;
      terms.push_back(std::move(intersection));
      pos = term_end;
    }
  }
  SelectionSpec spec = SelectionSpec::group(SelectionSpec::Kind::Union, std::move(terms), raw_all);
  return spec;
}

}  // namespace strata::graph

#include "csv_format.h"

namespace mlgen {

void append_relevance(std::string& out, uint32_t units) {
  if (units > 4000) units = 4000;
  out.push_back(units == 4000 ? '1' : '0');
  out.push_back('.');
  uint32_t frac = (units % 4000) * 25;  // hundred-thousandths, 0..99975
  if (frac == 0) {
    out.push_back('0');
    return;
  }
  char digits[5];
  for (int i = 4; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  int last = 4;
  while (digits[last] == '0') --last;
  out.append(digits, static_cast<size_t>(last + 1));
}

bool needs_quoting(std::string_view field) {
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

void append_field(std::string& out, std::string_view field) {
  if (!needs_quoting(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace mlgen

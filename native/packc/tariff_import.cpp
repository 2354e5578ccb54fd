#include "tariff_import.h"

#include "preclear/decimal.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>

namespace preclear::packc {
namespace {

using Canon = nlohmann::ordered_json;

std::string Trim(std::string s) {
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

std::string Digits(const std::string& htsno) {
  std::string d;
  for (char c : htsno) {
    if (c >= '0' && c <= '9') d += c;
  }
  return d;
}

// "4.9" -> 4.9, scaled down by |shift| powers of ten (cents -> dollars: 2).
std::optional<Decimal> Amount(const std::string& text, int shift) {
  DecimalResult r = Decimal::Parse(text);
  if (!r.ok) return std::nullopt;
  if (shift == 0) return r.value;
  DecimalResult s = Decimal::FromParts(r.value.coefficient(), r.value.Scale() + shift);
  if (!s.ok) return std::nullopt;
  return s.value;
}

// One part of a General rate: "16.5%", "4.9¢/kg", "$1.035/kg", "Free". Returns false when the
// text is not one of these (the caller then marks the rate unknown).
bool ReadPart(const std::string& raw, Canon* duty) {
  std::string p = Trim(raw);
  if (p == "Free") {
    (*duty)["ad_valorem"] = "0";
    return true;
  }
  if (!p.empty() && p.back() == '%') {
    std::optional<Decimal> v = Amount(p.substr(0, p.size() - 1), 0);
    if (!v) return false;
    (*duty)["ad_valorem"] = v->ToString();
    return true;
  }
  // Specific: "4.9¢/kg" or "$1.035/kg"; the cent sign is two bytes in UTF-8.
  size_t slash = p.find('/');
  if (slash == std::string::npos) return false;
  std::string number = p.substr(0, slash), unit = Trim(p.substr(slash + 1));
  int shift = 0;
  const std::string cent = "\xC2\xA2";
  if (number.size() > cent.size() && number.compare(number.size() - cent.size(), cent.size(), cent) == 0) {
    number = number.substr(0, number.size() - cent.size());
    shift = 2;
  } else if (!number.empty() && number[0] == '$') {
    number = number.substr(1);
  } else {
    return false;
  }
  std::optional<Decimal> amount = Amount(Trim(number), shift);
  if (!amount) return false;
  // HTS units -> schedule units; a proof liter is half a liter of pure alcohol.
  std::string per, quantity = "1";
  if (unit == "kg") per = "kg";
  else if (unit == "doz." || unit == "doz") per = "dozen";
  else if (unit == "pr." || unit == "pr") per = "pair";
  else if (unit == "No." || unit == "no." || unit == "each") per = "item";
  else if (unit == "gross") per = "item", quantity = "144";
  else if (unit == "liter" || unit == "l") per = "litre";
  else if (unit == "m2" || unit == "m\xC2\xB2") per = "m2";
  else if (unit == "pf. liter" || unit == "pf.liter" || unit == "proof liter") {
    per = "litre_alcohol";
    DecimalResult twice = amount->Add(*amount);
    if (!twice.ok) return false;
    amount = twice.value;
  } else {
    return false;
  }
  Canon s = {{"amount", amount->ToString()}, {"per", per}};
  if (quantity != "1") s["quantity"] = quantity;
  if (duty->contains("specific")) return false;  // two specific parts: not a shape we model
  (*duty)["specific"] = s;
  return true;
}

// A General rate text -> a duty expression, or {"unknown": true}.
Canon ReadRate(const std::string& text) {
  Canon duty = Canon::object();
  std::string t = Trim(text);
  size_t start = 0;
  bool ok = !t.empty();
  while (ok && start <= t.size()) {
    size_t plus = t.find('+', start);
    ok = ReadPart(t.substr(start, plus == std::string::npos ? std::string::npos : plus - start), &duty);
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  if (!ok) return Canon{{"unknown", true}};
  return duty;
}

}  // namespace

TariffImportResult ImportUsitcHts(const std::string& file_text, const TariffImportSpec& spec) {
  TariffImportResult out;
  nlohmann::json rows = nlohmann::json::parse(file_text, nullptr, false);
  if (rows.is_discarded() || !rows.is_array()) {
    out.error = "not a JSON array of HTS rows";
    return out;
  }
  // Rated national lines (digits, General text). Statistical suffixes without a rate of their
  // own share their 8-digit line's, which is counted once.
  std::vector<std::pair<std::string, std::string>> rated;
  for (const nlohmann::json& row : rows) {
    if (!row.is_object()) continue;
    std::string digits = Digits(row.value("htsno", std::string()));
    if (digits.size() < 8) continue;  // headings and subheading text rows carry no line rate
    if (digits.compare(0, 2, "98") == 0 || digits.compare(0, 2, "99") == 0) continue;  // national provisions, not HS
    ++out.lines_read;
    const nlohmann::json& g = row.contains("general") ? row["general"] : nlohmann::json();
    std::string general = g.is_string() ? Trim(g.get<std::string>()) : std::string();
    if (!general.empty()) rated.emplace_back(digits, general);
  }
  // Group by subheading.
  std::map<std::string, std::vector<std::string>> by_hs6;
  for (const auto& [digits, rate] : rated) by_hs6[digits.substr(0, 6)].push_back(rate);
  Canon rates = Canon::array();
  for (const auto& [hs6, list] : by_hs6) {
    std::map<std::string, size_t> counts;
    for (const std::string& r : list) ++counts[r];
    // Most common rate; ties go to the rate met first.
    std::string pick = list.front();
    for (const std::string& r : list) {
      if (counts[r] > counts[pick]) pick = r;
    }
    Canon duty = ReadRate(pick);
    bool estimate = counts.size() > 1;
    Canon entry = {{"hs", hs6}, {"duty", duty}, {"effective_from", spec.effective_from}, {"effective_to", nullptr},
                   {"confidence", spec.confidence}, {"estimate", estimate}};
    std::string note;
    if (estimate) {
      note = std::to_string(list.size()) + " national lines with " + std::to_string(counts.size()) + " rates:";
      for (const auto& [r, n] : counts) note += " " + r + " (" + std::to_string(n) + ")";
      note += "; the most common kept";
      ++out.estimates;
    }
    if (duty.contains("unknown")) {
      note += std::string(note.empty() ? "" : "; ") + "rate text not read: " + pick;
      ++out.unknown;
    }
    if (!note.empty()) entry["note"] = note;
    rates.push_back(entry);
  }
  if (rates.empty()) {
    out.error = "no rated 8- or 10-digit lines found";
    return out;
  }
  out.subheadings = rates.size();
  Canon doc = {{"id", spec.id},
               {"title", spec.title},
               {"markets", spec.markets},
               {"currency", spec.currency},
               {"hs_edition", "2022"},
               {"source", spec.source},
               {"note", "Imported by preclear data import-tariff from a USITC HTS JSON export: column 1 General rates "
                        "of the 8- and 10-digit lines, grouped by HS subheading."},
               {"rates", rates}};
  out.json = doc.dump(2, ' ', false) + "\n";
  out.ok = true;
  return out;
}

}  // namespace preclear::packc

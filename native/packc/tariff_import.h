// Turns an official national tariff file into a duty schedule of datasets/tariffs/schedules
// (the tariff.schema.json shape), which `preclear data build` then compiles into market packs.
//
// Supported: the USITC Harmonized Tariff Schedule JSON export (an array of rows with "htsno",
// "indent", "description", "units", "general", "special", "other", ...; public domain). The
// column 1 General rate of every 8/10-digit line is read; lines are grouped by HS subheading,
// and where the national lines of a subheading differ the most common rate is kept and the
// entry is marked "estimate" with the spread in its note.
#ifndef PRECLEAR_NATIVE_PACKC_TARIFF_IMPORT_H_
#define PRECLEAR_NATIVE_PACKC_TARIFF_IMPORT_H_

#include <string>
#include <vector>

namespace preclear::packc {

struct TariffImportSpec {
  std::string id;        // "US-HTS"
  std::string title;
  std::vector<std::string> markets;  // {"US"}
  std::string currency;  // of specific amounts: "USD"
  std::vector<std::string> source;   // {"S52"}
  std::string effective_from;        // "2026-01-01"
  std::string confidence = "verified";  // the file read is the official schedule
};

struct TariffImportResult {
  bool ok = false;
  std::string json;    // the schedule, 2-space indented, newline-terminated
  std::string error;   // when !ok
  size_t lines_read = 0, subheadings = 0, estimates = 0, unknown = 0;
};

TariffImportResult ImportUsitcHts(const std::string& file_text, const TariffImportSpec& spec);

}  // namespace preclear::packc

#endif  // PRECLEAR_NATIVE_PACKC_TARIFF_IMPORT_H_

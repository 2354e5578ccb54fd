// A JSON Schema (2020-12) validator for the subset datasets/schema/ uses: type, enum, const,
// required, properties, additionalProperties (bool or schema), items, minItems, pattern,
// minimum, maximum, oneOf, anyOf, $ref to "#/$defs/...". Host-side only (pack compiler).
#ifndef PRECLEAR_NATIVE_PACKC_JSON_SCHEMA_H_
#define PRECLEAR_NATIVE_PACKC_JSON_SCHEMA_H_

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace preclear::packc {

// Appends "<pointer>: <what is wrong>" for every violation of |schema| by |doc|.
void ValidateSchema(const nlohmann::json& schema, const nlohmann::json& doc, std::vector<std::string>* errors);

}  // namespace preclear::packc

#endif  // PRECLEAR_NATIVE_PACKC_JSON_SCHEMA_H_

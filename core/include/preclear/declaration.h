// The declaration model of docs/design.md and its JSON mapping.
//
// Mapping is forgiving: a field of the wrong type is reported (FIELD_TYPE, AMOUNT_INVALID, ...)
// and left empty in the model, so one bad field never hides the others. Unknown fields are kept
// in the input and ignored.
#ifndef PRECLEAR_DECLARATION_H_
#define PRECLEAR_DECLARATION_H_

#include "preclear/date.h"
#include "preclear/decimal.h"
#include "preclear/pack.h"
#include "preclear/problem.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace preclear {

namespace internal {
class InputValue;  // core/src/json_input.h
}

struct Address {
  std::optional<std::string> street, city, postcode, region, country;
};

struct Registration {
  std::optional<std::string> scheme;  // "IOSS", "UK_VAT", "AU_GST", ... (pack enum)
  std::optional<std::string> number;
};

struct Party {
  std::optional<std::string> name;
  Address address;
  std::vector<Registration> registrations;
  std::optional<std::string> email, phone;
};

struct Platform {
  std::optional<std::string> name, url;
};

struct Item {
  std::optional<std::string> description;
  std::optional<std::string> hs;
  std::optional<int64_t> quantity;
  std::optional<Decimal> unit_price;   // in the declaration currency
  std::optional<std::string> origin;
  std::optional<Decimal> net_mass_kg;
  std::optional<std::string> sku, gtin, manufacturer_ref;
};

struct Declaration {
  std::optional<std::string> id;
  std::optional<Date> date;
  std::optional<std::string> regime;
  std::optional<std::string> destination;
  std::optional<std::string> currency;
  std::optional<Decimal> shipping, insurance;
  std::optional<std::string> incoterm, mode, transaction;
  std::optional<bool> gift;
  std::optional<std::string> transport_document;
  std::optional<Decimal> gross_mass_kg;
  std::optional<int64_t> packages;
  Party seller, buyer;
  Platform platform;
  std::vector<Item> items;
};

// Maps |doc| (the parsed input line) onto |out| and appends structural problems to |problems|:
// FIELD_TYPE, AMOUNT_INVALID, COUNTRY_UNKNOWN, CURRENCY_UNKNOWN, CURRENCY_DECIMALS,
// DATE_INVALID, FIELD_VALUE. Currencies are checked as in use on |as_of|, or on the
// declaration's own date when it has a valid one.
void MapDeclaration(const internal::InputValue& doc, const Pack& pack, const Date& as_of, Declaration* out,
                    std::vector<Problem>* problems);

}  // namespace preclear

#endif  // PRECLEAR_DECLARATION_H_

#include "preclear/declaration.h"

#include "json_input.h"
#include "preclear/country.h"
#include "preclear/money.h"

#include <algorithm>
#include <limits>

namespace preclear {
namespace {

using internal::InputValue;

// Walks one declaration; every helper reports problems at the JSON Pointer it is given.
class Mapper {
 public:
  Mapper(const Pack& pack, const Date& as_of, std::vector<Problem>* problems)
      : pack_(pack), as_of_(as_of), problems_(*problems) {}

  void Map(const InputValue& doc, Declaration* d) {
    if (!doc.is_object()) {
      TypeError("", "object", doc);
      return;
    }
    d->id = String(doc, "id", "");
    if (InputValue v = doc.field("date")) {
      if (!v.is_string()) {
        TypeError("/date", "string", v);
      } else {
        d->date = Date::Parse(std::string(v.text()));
        if (!d->date) Report(ProblemCode::DATE_INVALID, "/date", {{"value", std::string(v.text())}});
      }
    }
    if (d->date) as_of_ = *d->date;  // rules (and currencies) as on the declaration's date
    d->regime = String(doc, "regime", "");
    d->destination = Country(doc, "destination", "");
    d->currency = Currency(doc, "currency", "");
    d->shipping = Money(doc, "shipping", "", d->currency);
    d->insurance = Money(doc, "insurance", "", d->currency);
    d->incoterm = EnumString(doc, "incoterm", "");
    d->mode = EnumString(doc, "mode", "");
    d->transaction = EnumString(doc, "transaction", "");
    d->gift = Bool(doc, "gift", "");
    d->transport_document = String(doc, "transport_document", "");
    d->gross_mass_kg = Mass(doc, "gross_mass_kg", "");
    d->packages = Count(doc, "packages", "");
    MapParty(doc, "seller", &d->seller);
    MapParty(doc, "buyer", &d->buyer);
    if (InputValue p = Object(doc, "platform", "")) {
      d->platform.name = String(p, "name", "/platform");
      d->platform.url = String(p, "url", "/platform");
    }
    if (InputValue items = Array(doc, "items", "")) {
      std::vector<InputValue> list = items.elements();
      d->items.reserve(list.size());
      for (size_t i = 0; i < list.size(); ++i) {
        std::string path = "/items/" + std::to_string(i);
        const InputValue& it = list[i];
        if (!it.is_object()) {
          TypeError(path, "object", it);
          continue;
        }
        Item item;
        item.description = String(it, "description", path);
        item.hs = String(it, "hs", path);
        item.quantity = Count(it, "quantity", path);
        item.unit_price = Money(it, "unit_price", path, d->currency);
        item.origin = Country(it, "origin", path);
        item.net_mass_kg = Mass(it, "net_mass_kg", path);
        item.sku = String(it, "sku", path);
        item.gtin = String(it, "gtin", path);
        item.manufacturer_ref = String(it, "manufacturer_ref", path);
        d->items.push_back(std::move(item));
      }
    }
  }

 private:
  void Report(ProblemCode code, std::string path, Json args) {
    problems_.push_back(MakeProblem(code, std::move(path), std::move(args)));
  }
  void TypeError(std::string path, std::string_view expected, const InputValue& got) {
    Report(ProblemCode::FIELD_TYPE, std::move(path),
           {{"expected", std::string(expected)}, {"actual", std::string(got.kind_name())}});
  }
  static std::string Path(const std::string& base, const char* key) {
    return base + "/" + PointerToken(key);
  }

  // Absent and null fields are "not given": required ones are reported by the regime check.
  std::optional<std::string> String(const InputValue& obj, const char* key, const std::string& base) {
    InputValue v = obj.field(key);
    if (!v) return std::nullopt;
    if (!v.is_string()) {
      TypeError(Path(base, key), "string", v);
      return std::nullopt;
    }
    return std::string(v.text());
  }

  InputValue Object(const InputValue& obj, const char* key, const std::string& base) {
    InputValue v = obj.field(key);
    if (v && !v.is_object()) {
      TypeError(Path(base, key), "object", v);
      return InputValue();
    }
    return v;
  }

  InputValue Array(const InputValue& obj, const char* key, const std::string& base) {
    InputValue v = obj.field(key);
    if (v && !v.is_array()) {
      TypeError(Path(base, key), "array", v);
      return InputValue();
    }
    return v;
  }

  std::optional<bool> Bool(const InputValue& obj, const char* key, const std::string& base) {
    InputValue v = obj.field(key);
    if (!v) return std::nullopt;
    if (!v.is_boolean()) {
      TypeError(Path(base, key), "boolean", v);
      return std::nullopt;
    }
    return v.boolean();
  }

  // A value from the pack's list for |key| (mode, transaction, incoterm, ...).
  std::optional<std::string> EnumString(const InputValue& obj, const char* key, const std::string& base,
                                        const char* enum_name = nullptr) {
    std::optional<std::string> s = String(obj, key, base);
    if (!s) return s;
    const std::vector<std::string>* allowed = pack_.Enum(enum_name ? enum_name : key);
    if (allowed && std::find(allowed->begin(), allowed->end(), *s) == allowed->end()) {
      Report(ProblemCode::FIELD_VALUE, Path(base, key), {{"value", *s}, {"allowed", *allowed}});
      return std::nullopt;
    }
    return s;
  }

  // Whole count >= 1 (quantity, packages).
  std::optional<int64_t> Count(const InputValue& obj, const char* key, const std::string& base) {
    InputValue v = obj.field(key);
    if (!v) return std::nullopt;
    std::string path = Path(base, key);
    if (v.is_unsigned()) {
      uint64_t u = v.unsigned_value();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        Report(ProblemCode::FIELD_VALUE, path, {{"value", std::to_string(u)}, {"min", 1}});
        return std::nullopt;
      }
      if (u == 0) {
        Report(ProblemCode::FIELD_VALUE, path, {{"value", "0"}, {"min", 1}});
        return std::nullopt;
      }
      return static_cast<int64_t>(u);
    }
    if (v.is_integer()) {  // negatives (and -0)
      Report(ProblemCode::FIELD_VALUE, path, {{"value", std::to_string(v.integer())}, {"min", 1}});
      return std::nullopt;
    }
    if (v.is_number_text()) {
      Report(ProblemCode::FIELD_TYPE, path,
             {{"expected", "integer"}, {"actual", "number"}, {"value", std::string(v.text())}});
      return std::nullopt;
    }
    TypeError(path, "integer", v);
    return std::nullopt;
  }

  // Decimal from a string ("12.50") or a JSON number (exact text); never negative.
  std::optional<Decimal> Number(const InputValue& obj, const char* key, const std::string& base, const char* rule) {
    InputValue v = obj.field(key);
    if (!v) return std::nullopt;
    DecimalResult r;
    std::string text;
    if (v.is_number_text()) {
      text = std::string(v.text());
      r = Decimal::ParseJsonNumber(text);
    } else if (v.is_unsigned() || v.is_integer()) {
      // As the integer's value prints (so "-0" reads as "0").
      text = v.is_unsigned() ? std::to_string(v.unsigned_value()) : std::to_string(v.integer());
      r = Decimal::ParseJsonNumber(text);
    } else if (v.is_string()) {
      text = std::string(v.text());
      r = Decimal::Parse(text);
    } else {
      TypeError(Path(base, key), "decimal string", v);
      return std::nullopt;
    }
    if (!r.ok) {
      Problem p = MakeProblem(ProblemCode::AMOUNT_INVALID, Path(base, key),
                              {{"value", text.substr(0, 64)},
                               {"reason", r.error == DecimalError::kOutOfRange ? "out_of_range" : "syntax"}});
      p.rule = rule;
      problems_.push_back(std::move(p));
      return std::nullopt;
    }
    if (r.value.IsNegative()) {
      Problem p = MakeProblem(ProblemCode::AMOUNT_INVALID, Path(base, key), {{"value", text.substr(0, 64)}, {"reason", "negative"}});
      p.rule = rule;
      problems_.push_back(std::move(p));
      return std::nullopt;
    }
    return r.value;
  }

  std::optional<Decimal> Mass(const InputValue& obj, const char* key, const std::string& base) {
    return Number(obj, key, base, "DQ-22");
  }

  // An amount in |currency|: no finer than the currency's minor unit (DQ-07).
  std::optional<Decimal> Money(const InputValue& obj, const char* key, const std::string& base,
                               const std::optional<std::string>& currency) {
    std::optional<Decimal> amount = Number(obj, key, base, "DQ-07");
    if (!amount || !currency) return amount;
    std::optional<int> minor = CurrencyMinorUnits(*currency);
    if (!minor) return amount;
    DecimalResult rounded = amount->Round(*minor, RoundingMode::kDown);
    if (rounded.ok && rounded.value.Compare(*amount) != 0) {
      Report(ProblemCode::CURRENCY_DECIMALS, Path(base, key),
             {{"value", amount->ToString()}, {"currency", *currency}, {"max_decimals", *minor}});
    }
    return amount;
  }

  std::optional<std::string> Country(const InputValue& obj, const char* key, const std::string& base) {
    std::optional<std::string> s = String(obj, key, base);
    if (!s) return s;
    if (IsCountryCode(*s)) return s;
    Json args = {{"value", s->substr(0, 64)}};
    if (std::optional<std::string> hint = SuggestCountryCode(*s)) args["suggestion"] = *hint;
    Report(ProblemCode::COUNTRY_UNKNOWN, Path(base, key), std::move(args));
    return std::nullopt;
  }

  std::optional<std::string> Currency(const InputValue& obj, const char* key, const std::string& base) {
    std::optional<std::string> s = String(obj, key, base);
    if (!s) return s;
    if (IsCurrencyInUse(*s, as_of_.year, as_of_.month, as_of_.day)) return s;
    Json args = {{"value", s->substr(0, 64)}, {"date", as_of_.ToString()}};
    std::string up = *s;
    for (char& ch : up) {
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    }
    if (up != *s && IsCurrencyInUse(up, as_of_.year, as_of_.month, as_of_.day)) args["suggestion"] = up;
    Report(ProblemCode::CURRENCY_UNKNOWN, Path(base, key), std::move(args));
    return std::nullopt;
  }

  void MapParty(const InputValue& doc, const char* key, Party* party) {
    InputValue p = Object(doc, key, "");
    if (!p) return;
    std::string base = Path("", key);
    party->name = String(p, "name", base);
    party->email = String(p, "email", base);
    party->phone = String(p, "phone", base);
    if (InputValue a = Object(p, "address", base)) {
      std::string ab = Path(base, "address");
      party->address.street = String(a, "street", ab);
      party->address.city = String(a, "city", ab);
      party->address.postcode = String(a, "postcode", ab);
      party->address.region = String(a, "region", ab);
      party->address.country = Country(a, "country", ab);
    }
    if (InputValue regs = Array(p, "registrations", base)) {
      std::vector<InputValue> list = regs.elements();
      for (size_t i = 0; i < list.size(); ++i) {
        std::string rb = Path(base, "registrations") + "/" + std::to_string(i);
        const InputValue& r = list[i];
        if (!r.is_object()) {
          TypeError(rb, "object", r);
          continue;
        }
        Registration reg;
        reg.scheme = EnumString(r, "scheme", rb, "registration_scheme");
        reg.number = String(r, "number", rb);
        party->registrations.push_back(std::move(reg));
      }
    }
  }

  const Pack& pack_;
  Date as_of_;
  std::vector<Problem>& problems_;
};

}  // namespace

void MapDeclaration(const internal::InputValue& doc, const Pack& pack, const Date& as_of, Declaration* out,
                    std::vector<Problem>* problems) {
  Mapper(pack, as_of, problems).Map(doc, out);
}

}  // namespace preclear

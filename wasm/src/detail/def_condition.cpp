// Display conditions (`showIf`): parsing, validation and evaluation over answers.
#include "detail/def_condition.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "detail/json_path.hpp"

namespace pepite {

namespace {

bool is_answered(const answer_value& value) {
  return value.score.has_value() || !value.selected.empty() || !value.text.empty();
}

bool matches_value(const condition& cond, const answer_value& value) {
  if (value.score) {
    const double score = *value.score;
    return std::find(cond.numbers.begin(), cond.numbers.end(), score) != cond.numbers.end();
  }
  if (!value.selected.empty()) {
    for (const std::string& id : value.selected) {
      if (std::find(cond.words.begin(), cond.words.end(), id) != cond.words.end()) return true;
    }
    return false;
  }
  return std::find(cond.words.begin(), cond.words.end(), value.text) != cond.words.end();
}

}  // namespace

bool evaluate(const condition& cond, const answer_map& answers) {
  using op = condition::op;
  if (cond.kind == op::all || cond.kind == op::any) {
    for (const condition& child : cond.children) {
      const bool holds = evaluate(child, answers);
      if (cond.kind == op::all && !holds) return false;
      if (cond.kind == op::any && holds) return true;
    }
    return cond.kind == op::all;
  }
  const auto it = answers.find(cond.question);
  const bool answered = it != answers.end() && is_answered(it->second);
  if (cond.kind == op::answered) return answered == cond.expect_answered;
  if (!answered) return false;
  const answer_value& value = it->second;
  switch (cond.kind) {
    case op::eq:
    case op::in:
      return matches_value(cond, value);
    case op::lte:
      return value.score.has_value() && *value.score <= cond.high;
    case op::gte:
      return value.score.has_value() && *value.score >= cond.low;
    case op::between:
      return value.score.has_value() && *value.score >= cond.low && *value.score <= cond.high;
    default:
      return false;
  }
}

}  // namespace pepite

namespace pepite::detail {

namespace {

using op = condition::op;

struct op_name {
  std::string_view name;
  op kind;
};

constexpr op_name op_names[] = {{"eq", op::eq},           {"in", op::in},
                                {"lte", op::lte},         {"gte", op::gte},
                                {"between", op::between}, {"answered", op::answered},
                                {"all", op::all},         {"any", op::any}};

bool is_scale(question_type type) {
  return type == question_type::nps || type == question_type::csat || type == question_type::ces;
}

std::string describe(const question& q) {
  return "question \"" + q.id + "\" (" + std::string(to_string(q.type)) + ")";
}

class condition_parser {
 public:
  condition_parser(const std::vector<question>& questions, std::size_t self, def_report& report)
      : questions_(questions), self_(self), report_(report) {}

  std::optional<condition> parse(const def_json& node, const std::string& path, int nesting) {
    if (!node.is_object()) {
      report_.error("definition.invalid_condition", path,
                    "a condition is an object, not " + type_name(node));
      return std::nullopt;
    }
    const op_name* found = nullptr;
    int count = 0;
    for (const op_name& candidate : op_names) {
      if (member(node, candidate.name) != nullptr) {
        if (found == nullptr) found = &candidate;
        ++count;
      }
    }
    if (count == 0) {
      report_.error("definition.invalid_condition", path,
                    "a condition needs one of eq, in, lte, gte, between, answered, all, any");
      return std::nullopt;
    }
    if (count > 1) {
      report_.error("definition.invalid_condition", path,
                    "a condition holds exactly one comparison; combine several with all/any");
      return std::nullopt;
    }
    if (found->kind == op::all || found->kind == op::any) {
      return parse_group(node, path, *found, nesting);
    }
    return parse_comparison(node, path, *found);
  }

 private:
  std::optional<condition> parse_group(const def_json& node, const std::string& path,
                                       const op_name& name, int nesting) {
    check_keys(node, path, {name.name}, report_);
    const std::string list_path = path_key(path, name.name);
    if (nesting + 1 > max_condition_nesting) {
      report_.error("definition.condition_too_deep", list_path,
                    "all/any may be nested at most " + std::to_string(max_condition_nesting) +
                        " levels deep");
      return std::nullopt;
    }
    const def_json& list = *member(node, name.name);
    if (!list.is_array() || list.empty() || list.size() > max_condition_items) {
      report_.error("definition.invalid_condition", list_path,
                    std::string(name.name) + " takes an array of 1 to " +
                        std::to_string(max_condition_items) + " conditions");
      return std::nullopt;
    }
    condition out;
    out.kind = name.kind;
    bool usable = true;
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto child = parse(list[i], path_index(list_path, i), nesting + 1);
      if (child) {
        out.children.push_back(std::move(*child));
      } else {
        usable = false;
      }
    }
    if (!usable) return std::nullopt;
    return out;
  }

  /// The referred question when it is a valid, earlier one; reports why not otherwise.
  const question* referent(const def_json& node, const std::string& path) {
    const def_json* ref = member(node, "question");
    const std::string ref_path = path_key(path, "question");
    if (ref == nullptr) {
      report_.error("definition.invalid_condition", path,
                    "a comparison needs \"question\": the id of an earlier question");
      return nullptr;
    }
    if (!ref->is_string()) {
      report_.error("definition.invalid_condition", ref_path,
                    "\"question\" is a question id (string), not " + type_name(*ref));
      return nullptr;
    }
    const std::string& id = ref->get_ref<const std::string&>();
    for (std::size_t i = 0; i < questions_.size(); ++i) {
      if (questions_[i].id.empty() || questions_[i].id != id) continue;
      if (i == self_) {
        report_.error("definition.self_reference", ref_path,
                      "a question cannot depend on its own answer (\"" + id + "\")");
        return nullptr;
      }
      if (i > self_) {
        report_.error("definition.forward_reference", ref_path,
                      "showIf may refer only to an earlier question; \"" + id + "\" comes later");
        return nullptr;
      }
      return &questions_[i];
    }
    report_.error("definition.unknown_question", ref_path, "no question has the id \"" + id + "\"");
    return nullptr;
  }

  std::optional<condition> parse_comparison(const def_json& node, const std::string& path,
                                            const op_name& name) {
    check_keys(node, path, {"question", name.name}, report_);
    const question* q = referent(node, path);
    condition out;
    out.kind = name.kind;
    if (q != nullptr) out.question = q->id;
    const def_json& operand = *member(node, name.name);
    const std::string operand_path = path_key(path, name.name);
    bool usable = q != nullptr;
    switch (name.kind) {
      case op::answered:
        if (!operand.is_boolean()) {
          report_.error("definition.invalid_condition", operand_path,
                        "answered takes true or false");
          return std::nullopt;
        }
        out.expect_answered = operand.get<bool>();
        break;
      case op::eq:
        usable = add_value(operand, operand_path, q, out) && usable;
        break;
      case op::in:
        if (!operand.is_array() || operand.empty() || operand.size() > max_condition_items) {
          report_.error(
              "definition.invalid_condition", operand_path,
              "in takes an array of 1 to " + std::to_string(max_condition_items) + " values");
          return std::nullopt;
        }
        for (std::size_t i = 0; i < operand.size(); ++i) {
          usable = add_value(operand[i], path_index(operand_path, i), q, out) && usable;
        }
        break;
      case op::lte:
      case op::gte:
        if (!operand.is_number()) {
          report_.error("definition.invalid_condition", operand_path,
                        std::string(name.name) + " takes a number");
          return std::nullopt;
        }
        if (!fits_scale(q, operand_path, name.name)) return std::nullopt;
        (name.kind == op::lte ? out.high : out.low) = operand.get<double>();
        usable = in_range(q, out.kind == op::lte ? out.high : out.low, operand_path) && usable;
        break;
      case op::between:
        if (!operand.is_array() || operand.size() != 2 || !operand[0].is_number() ||
            !operand[1].is_number()) {
          report_.error("definition.invalid_condition", operand_path,
                        "between takes two numbers [low, high]");
          return std::nullopt;
        }
        if (!fits_scale(q, operand_path, name.name)) return std::nullopt;
        out.low = operand[0].get<double>();
        out.high = operand[1].get<double>();
        if (out.low > out.high) {
          report_.error("definition.invalid_range", operand_path,
                        "between [low, high] needs low <= high");
          usable = false;
        }
        usable = in_range(q, out.low, path_index(operand_path, 0)) && usable;
        usable = in_range(q, out.high, path_index(operand_path, 1)) && usable;
        break;
      default:
        return std::nullopt;
    }
    if (!usable) return std::nullopt;
    return out;
  }

  /// lte/gte/between compare scores: only scale questions have them.
  bool fits_scale(const question* q, const std::string& path, std::string_view name) {
    if (q == nullptr || is_scale(q->type)) return true;
    report_.error("definition.condition_type_mismatch", path,
                  std::string(name) + " compares scores; " + describe(*q) + " has none");
    return false;
  }

  bool in_range(const question* q, double value, const std::string& path) {
    if (q == nullptr || !is_scale(q->type)) return true;
    if (std::isfinite(value) && value >= q->min() && value <= q->max()) return true;
    report_.error("definition.condition_out_of_range", path,
                  describe(*q) + " scores go from " + std::to_string(q->min()) + " to " +
                      std::to_string(q->max()));
    return false;
  }

  /// One eq/in value: a score for a scale, an option id for a choice.
  bool add_value(const def_json& value, const std::string& path, const question* q,
                 condition& out) {
    if (!value.is_number() && !value.is_string()) {
      report_.error("definition.invalid_condition", path,
                    "eq/in compare with a number or a string, not " + type_name(value));
      return false;
    }
    if (q == nullptr) return true;
    if (is_scale(q->type)) {
      if (!value.is_number()) {
        report_.error("definition.condition_type_mismatch", path,
                      describe(*q) + " is answered with a score, not a string");
        return false;
      }
      const double score = value.get<double>();
      if (!in_range(q, score, path)) return false;
      out.numbers.push_back(score);
      return true;
    }
    if (!value.is_string()) {
      report_.error("definition.condition_type_mismatch", path,
                    describe(*q) + (q->type == question_type::text
                                        ? " is answered with text, not numbers"
                                        : " is answered with option ids, not numbers"));
      return false;
    }
    const std::string& id = value.get_ref<const std::string&>();
    if (q->type == question_type::text) {  // exact text match
      out.words.push_back(id);
      return true;
    }
    bool known = q->has_other && id == "other";
    for (const choice_option& option : q->options) known = known || option.id == id;
    if (!known) {
      report_.error("definition.unknown_option", path,
                    describe(*q) + " has no option \"" + id + "\"");
      return false;
    }
    out.words.push_back(id);
    return true;
  }

  const std::vector<question>& questions_;
  std::size_t self_;
  def_report& report_;
};

}  // namespace

std::optional<condition> parse_condition(const def_json& node, const std::string& path,
                                         const std::vector<question>& questions, std::size_t self,
                                         def_report& report) {
  return condition_parser(questions, self, report).parse(node, path, 0);
}

}  // namespace pepite::detail

#include "core/unit_ref.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "support/units.hpp"

namespace forge::core {
namespace {

using ::testing::AllOf;
using testing::applied_row;
using ::testing::HasSubstr;
using testing::make_unit;
using ::testing::Not;

class ResolveUnitRef : public ::testing::Test {
 protected:
  const std::string& resolved(std::string_view reference) {
    return resolve_unit_ref(m_catalog, reference).name;
  }
  std::string error_of(std::string_view reference) {
    try {
      resolve_unit_ref(m_catalog, reference);
    } catch (const UsageError& e) {
      return e.what();
    }
    return "(no error)";
  }

  std::vector<Unit> m_units{make_unit("1_create-users"), make_unit("2_create-orders"),
                            make_unit("20240315102344000001_add-codes")};
  std::vector<HistoryRow> m_history{applied_row("1_create-users"), applied_row("7_gone")};
  Catalog m_catalog{m_units, m_history};
};

TEST_F(ResolveUnitRef, FindsAUnitByTheNameSequelizeCliWouldUse) {
  EXPECT_EQ(resolved("2_create-orders.js"), "2_create-orders");
  EXPECT_EQ(resolved("db/seeders/2_create-orders"), "2_create-orders");
  EXPECT_EQ(resolved("db/seeders/2_create-orders.cjs"), "2_create-orders");
}

TEST_F(ResolveUnitRef, FindsAUnitByItsStem) {
  EXPECT_EQ(resolved("2_create-orders"), "2_create-orders");
}

TEST_F(ResolveUnitRef, FindsAUnitByItsFileName) {
  EXPECT_EQ(resolved("2_create-orders.up.sql"), "2_create-orders");
  EXPECT_EQ(resolved("2_create-orders.down.sql"), "2_create-orders");
}

TEST_F(ResolveUnitRef, FindsAUnitByItsPath) {
  EXPECT_EQ(resolved("db/migrations/2_create-orders.up.sql"), "2_create-orders");
}

TEST_F(ResolveUnitRef, FindsAUnitByItsVersion) {
  EXPECT_EQ(resolved("2"), "2_create-orders");
  EXPECT_EQ(resolved("20240315102344000001"), "20240315102344000001_add-codes");
}

TEST_F(ResolveUnitRef, FindsAUnitByItsVersionWithLeadingZeros) {
  EXPECT_EQ(resolved("0002"), "2_create-orders");
}

TEST_F(ResolveUnitRef, FindsAUnitByAVariantFileNameThatIsNotOnDisk) {
  EXPECT_EQ(resolved("2_create-orders.postgres.up.sql"), "2_create-orders");
}

TEST_F(ResolveUnitRef, FindsAnAppliedUnitWhoseFileIsGone) {
  EXPECT_EQ(resolved("7_gone"), "7_gone");
  EXPECT_EQ(resolved("7"), "7_gone");
  EXPECT_EQ(resolved("7_gone.sql"), "7_gone");
}

TEST_F(ResolveUnitRef, IgnoresSurroundingBlanks) {
  EXPECT_EQ(resolved("  2_create-orders \n"), "2_create-orders");
}

TEST_F(ResolveUnitRef, RefusesAnUnknownReferenceListingTheCandidates) {
  const std::string error = error_of("3_nothing");
  EXPECT_THAT(error, HasSubstr("3_nothing"));
  EXPECT_THAT(error, AllOf(HasSubstr("1_create-users"), HasSubstr("2_create-orders"),
                           HasSubstr("7_gone"), HasSubstr("20240315102344000001_add-codes")));
}

TEST_F(ResolveUnitRef, NeverMatchesByPrefix) {
  EXPECT_THAT(error_of("2_create"), HasSubstr("no unit is named"));
  EXPECT_THAT(error_of("20240315"), HasSubstr("no unit is named"));
}

TEST_F(ResolveUnitRef, RefusesAnAmbiguousReferenceListingTheMatches) {
  const std::vector<Unit> units{make_unit("3_new")};
  const std::vector<HistoryRow> history{applied_row("3_old")};
  const Catalog catalog(units, history);
  try {
    resolve_unit_ref(catalog, "3");
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(),
                AllOf(HasSubstr("more than one"), HasSubstr("3_new"), HasSubstr("3_old")));
  }
}

TEST(ResolveUnitRefWithoutUnits, SaysThereAreNoUnits) {
  const Catalog catalog({}, {});
  try {
    resolve_unit_ref(catalog, "1");
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no units"));
    EXPECT_THAT(e.what(), Not(HasSubstr("the units are")));
  }
}

}  // namespace
}  // namespace forge::core

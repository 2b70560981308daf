using TrainingHub.Core.Common;
using TrainingHub.Core.Organizations;

namespace TrainingHub.UnitTests.Organizations;

public class OrganizationInputTests
{
    [TestCase("11.222.333/0001-81", "11222333000181")]
    [TestCase("11222333000181", "11222333000181")]
    [TestCase("", null)]
    public void A_cnpj_with_right_check_digits_is_kept_as_14_digits(string input, string? expected)
    {
        var errors = new List<FieldError>();
        OrganizationInput.Cnpj(input, "Cnpj", errors).ShouldBe(expected);
        errors.ShouldBeEmpty();
    }

    [TestCase("11.222.333/0001-82")]
    [TestCase("11.222.333/0001-91")]
    [TestCase("1122233300018")]
    [TestCase("11111111111111")]
    [TestCase("11.222.333/0001-8X")]
    public void A_wrong_cnpj_is_refused_naming_the_field(string input)
    {
        var errors = new List<FieldError>();
        OrganizationInput.Cnpj(input, "Cnpj", errors).ShouldBeNull();
        errors.ShouldHaveSingleItem().Field.ShouldBe("Cnpj");
    }
}

using TrainingHub.Core.Common;

namespace TrainingHub.UnitTests.Common;

public sealed class EmailAddressTests
{
    [TestCase("ana@example.gov.br")]
    [TestCase("joão.conceição@exemplo.gov.br")]
    [TestCase("\"ana silva\"@example.gov.br")]
    public void A_single_mailbox_is_an_address(string value) => EmailAddress.IsValid(value).ShouldBeTrue();

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not-an-email")]
    [TestCase("ana@")]
    [TestCase("@example.gov.br")]
    [TestCase("ana silva@example.gov.br")]
    [TestCase("Ana <ana@example.gov.br>")]
    [TestCase("<ana@example.gov.br>")]
    [TestCase("ana..silva@example.gov.br")]
    [TestCase("ana@example..gov.br")]
    [TestCase("ana@example.gov.br, bia@example.gov.br")]
    public void Anything_else_is_not(string? value) => EmailAddress.IsValid(value).ShouldBeFalse();
}

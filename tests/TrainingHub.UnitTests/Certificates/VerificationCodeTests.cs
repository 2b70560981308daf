using TrainingHub.Core.Certificates;

namespace TrainingHub.UnitTests.Certificates;

public sealed class VerificationCodeTests
{
    [Test]
    public void New_codes_have_100_bits_in_five_groups_of_the_unambiguous_alphabet()
    {
        VerificationCodes.Bits.ShouldBeGreaterThanOrEqualTo(100);
        var codes = Enumerable.Range(0, 2000).Select(_ => VerificationCodes.New()).ToList();
        codes.Distinct(StringComparer.Ordinal).Count().ShouldBe(2000);
        foreach (var code in codes)
        {
            code.ShouldMatch("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$");
            VerificationCodes.Normalize(code).ShouldBe(code);
        }

        // Every symbol turns up: the low five bits of each random byte are used, all 32 values.
        string.Concat(codes).Replace("-", "", StringComparison.Ordinal).Distinct().Count().ShouldBe(32);
    }

    [TestCase("7kq2m9xd4trbz0hcpw3f")]
    [TestCase(" 7KQ2 M9XD 4TRB Z0HC PW3F ")]
    [TestCase("7KQ2-M9XD-4TRB-ZOHC-PW3F")]
    [TestCase("7kq2–m9xd–4trb–zohc–pw3f")]
    public void Input_is_normalised(string input) => VerificationCodes.Normalize(input).ShouldBe("7KQ2-M9XD-4TRB-Z0HC-PW3F");

    [Test]
    public void Confusable_letters_read_as_digits() => VerificationCodes.Normalize("iLoI-0000-0000-0000-0000").ShouldBe("1101-0000-0000-0000-0000");

    [TestCase(null)]
    [TestCase("")]
    [TestCase("7KQ2-M9XD-4TRB-Z0HC")]
    [TestCase("7KQ2-M9XD-4TRB-Z0HC-PW3FX")]
    [TestCase("7KQ2-M9XD-4TRB-Z0HC-PW3U")]
    [TestCase("'; DROP TABLE x; --")]
    public void Anything_else_is_not_a_code(string? input) => VerificationCodes.Normalize(input).ShouldBeNull();
}

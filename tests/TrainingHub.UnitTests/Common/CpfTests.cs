using TrainingHub.Core.Common;

namespace TrainingHub.UnitTests.Common;

public class CpfTests
{
    [TestCase("529.982.247-25")]
    [TestCase("52998224725")]
    [TestCase("111.444.777-35")]
    [TestCase(" 111 444 777 35 ")]
    [TestCase("\t529.982.247-25\t", TestName = "Wrapped in tabs")]
    [TestCase("\u00A0529.982.247-25\u00A0", TestName = "Wrapped in non-breaking spaces")]
    [TestCase("1234567890", TestName = "A bare number that lost its leading zero")]
    public void A_cpf_with_correct_check_digits_is_valid(string cpf) => Cpf.IsValid(cpf).ShouldBeTrue();

    [TestCase("529.982.247-24", TestName = "Wrong second check digit")]
    [TestCase("529.982.247-15", TestName = "Wrong first check digit")]
    [TestCase("123.456.789-00", TestName = "Typical made-up number")]
    [TestCase("111.111.111-11", TestName = "All digits equal")]
    [TestCase("00000000000", TestName = "All zeros")]
    [TestCase("5299822472", TestName = "Ten digits that are not a CPF with a leading zero")]
    [TestCase("123.456.789-0", TestName = "Ten punctuated digits (a digit missing, not a lost zero)")]
    [TestCase("529982247251", TestName = "Twelve digits")]
    [TestCase("529.982.247-2a", TestName = "A letter")]
    [TestCase("", TestName = "Empty")]
    [TestCase(null, TestName = "Null")]
    public void A_malformed_or_miscalculated_cpf_is_invalid(string? cpf) => Cpf.IsValid(cpf).ShouldBeFalse();

    [TestCase("\t529.982.247-25\u00A0", "52998224725")]
    [TestCase("1234567890", "01234567890")]
    [TestCase("234567890", "00234567890")]
    [TestCase("529 982 247 25", "52998224725")]
    public void Every_entry_point_reads_the_same_digits(string typed, string digits) => Cpf.Normalize(typed).ShouldBe(digits);

    [Test]
    public void FromBase_completes_the_check_digits() => Cpf.FromBase("529982247").ShouldBe("52998224725");

    [Test]
    public void Every_generated_cpf_validates_and_changing_a_check_digit_breaks_it()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var cpf = Cpf.FromBase(random.Next(1, 999_999_999).ToString("D9", System.Globalization.CultureInfo.InvariantCulture));
            if (cpf.Distinct().Count() == 1)
            {
                continue;
            }

            Cpf.IsValid(cpf).ShouldBeTrue(cpf);
            // Body digits are not always protected (remainders 0 and 1 both give check digit 0); check digits always are.
            var position = random.Next(9, 11);
            var altered = cpf[..position] + (char)('0' + ((cpf[position] - '0' + 1 + random.Next(0, 8)) % 10)) + cpf[(position + 1)..];
            Cpf.IsValid(altered).ShouldBeFalse($"{cpf} altered at {position} to {altered}");
        }
    }

    [Test]
    public void Reports_mask_all_but_the_middle_six_digits() => Cpf.Mask("52998224725").ShouldBe("***.982.247-**");

    [Test]
    public void Format_adds_dots_and_dash() => Cpf.Format("52998224725").ShouldBe("529.982.247-25");
}

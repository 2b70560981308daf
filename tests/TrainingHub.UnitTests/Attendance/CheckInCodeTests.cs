using TrainingHub.Core.Attendance;

namespace TrainingHub.UnitTests.Attendance;

public class CheckInCodeTests
{
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTime Opened = new(2026, 3, 10, 13, 0, 0, DateTimeKind.Utc);

    [Test]
    public void A_code_is_six_characters_of_the_unambiguous_alphabet_and_the_same_for_the_same_secret_and_step()
    {
        for (var step = 0; step < 200; step++)
        {
            var code = CheckInCode.Compute(Secret, step);
            code.Length.ShouldBe(CheckInCode.Length);
            code.ShouldAllBe(c => CheckInCode.Alphabet.Contains(c, StringComparison.Ordinal));
            CheckInCode.Compute(Secret, step).ShouldBe(code);
        }

        CheckInCode.Alphabet.ShouldNotContain('O');
        CheckInCode.Alphabet.ShouldNotContain('0');
        CheckInCode.Alphabet.ShouldNotContain('I');
        CheckInCode.Alphabet.ShouldNotContain('1');
        Enumerable.Range(0, 200).Select(s => CheckInCode.Compute(Secret, s)).Distinct().Count().ShouldBeGreaterThan(195);
        CheckInCode.Compute([9, 9, 9], 0).ShouldNotBe(CheckInCode.Compute(Secret, 0));
    }

    [Test]
    public void The_current_and_the_previous_code_match_an_older_or_a_future_one_does_not()
    {
        var at = Opened.AddSeconds(95); // step 3 with 30-second codes
        CheckInCode.Step(Opened, 30, at).ShouldBe(3);
        CheckInCode.SecondsLeft(Opened, 30, at).ShouldBe(25);
        CheckInCode.Matches(Secret, Opened, 30, at, CheckInCode.Compute(Secret, 3)).ShouldBeTrue();
        CheckInCode.Matches(Secret, Opened, 30, at, CheckInCode.Compute(Secret, 2)).ShouldBeTrue();
        CheckInCode.Matches(Secret, Opened, 30, at, CheckInCode.Compute(Secret, 1)).ShouldBeFalse();
        CheckInCode.Matches(Secret, Opened, 30, at, CheckInCode.Compute(Secret, 4)).ShouldBeFalse();
        CheckInCode.Matches(Secret, Opened, 30, at, "ABC").ShouldBeFalse();
    }

    [Test]
    public void Typed_codes_ignore_case_spaces_and_dashes()
    {
        var code = CheckInCode.Compute(Secret, 0);
        var typed = CheckInCode.Normalize($" {code[..3].ToLowerInvariant()}-{code[3..]} ");
        typed.ShouldBe(code);
        CheckInCode.Matches(Secret, Opened, 30, Opened.AddSeconds(5), typed).ShouldBeTrue();
    }

    [TestCase(120, 60)]
    [TestCase(45, 22)]
    [TestCase(1, 1)]
    public void One_of_the_two_codes_credits_half_the_session(int sessionMinutes, int credited) =>
        CheckInCode.HalfCredit(sessionMinutes).ShouldBe(credited);
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using TrainingHub.Core.Catalog;

namespace TrainingHub.Core.Attendance;

public enum CheckInKind
{
    /// <summary>The check-in at arrival: present, or late after the grace period.</summary>
    Arrival,

    /// <summary>The optional second code near the end ("confirm presence"): with both codes the session is credited in full.</summary>
    Confirmation,
}

/// <summary>
/// A live check-in window of a session: open from <see cref="OpensAt"/> until <see cref="ClosesAt"/> (moved earlier
/// when the instructor closes it). Its rotating code is derived from <see cref="Secret"/> and the time step, so no
/// write happens per rotation and every app instance shows and accepts the same code.
/// </summary>
public class CheckInWindow
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public Session? Session { get; set; }
    public CheckInKind Kind { get; set; }

    /// <summary>32 random bytes, never shown and never written to the audit trail.</summary>
    public byte[] Secret { get; set; } = [];

    /// <summary>Seconds each code lasts, fixed when the window opens so that every instance agrees.</summary>
    public int CodeSeconds { get; set; }

    public DateTime OpensAt { get; set; }
    public DateTime ClosesAt { get; set; }
    public string? OpenedByUserId { get; set; }
    public string? ClosedByUserId { get; set; }
}

/// <summary>One wrong code typed by a person: the rate limit counts these rows, so every app instance shares it.</summary>
public class CheckInFailure
{
    public long Id { get; set; }
    public int PersonId { get; set; }
    public int? SessionId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>
/// One submission of the guest check-in page (an open event): the rate limits per address, per CPF and per session count
/// these rows, so every app instance shares them. The CPF is kept only as a SHA-256 hash.
/// </summary>
public class GuestCheckInAttempt
{
    public long Id { get; set; }
    public int? SessionId { get; set; }
    public string? CpfHash { get; set; }
    public required string Address { get; set; }
    public DateTime At { get; set; }
}

/// <summary>Configuration section "CheckIn".</summary>
public sealed class CheckInOptions
{
    /// <summary>How long each code (and QR code) lasts before it rotates; the previous code is still accepted.</summary>
    public int CodeSeconds { get; set; } = 30;

    /// <summary>The window length proposed on the instructor's screen.</summary>
    public int WindowMinutes { get; set; } = 10;

    public int MaxWindowMinutes { get; set; } = 240;

    /// <summary>Arrival check-ins later than this many minutes after the session starts are marked late.</summary>
    public int GraceMinutes { get; set; } = 15;

    /// <summary>A window may open this many minutes before the session starts (and until it ends).</summary>
    public int OpenBeforeMinutes { get; set; } = 60;

    /// <summary>Wrong codes a person may type within <see cref="WrongCodeWindowMinutes"/> before having to wait.</summary>
    public int MaxWrongCodes { get; set; } = 5;

    public int WrongCodeWindowMinutes { get; set; } = 5;

    /// <summary>Guest check-ins (open events) from one network address within <see cref="GuestWindowMinutes"/>; a room behind one address shares it.</summary>
    public int GuestPerAddress { get; set; } = 120;

    /// <summary>Guest check-ins with one CPF within <see cref="GuestWindowMinutes"/>.</summary>
    public int GuestPerCpf { get; set; } = 5;

    /// <summary>Guest check-ins for one session within <see cref="GuestWindowMinutes"/>.</summary>
    public int GuestPerSession { get; set; } = 1_000;

    public int GuestWindowMinutes { get; set; } = 10;
}

/// <summary>
/// The rotating code: like TOTP, an HMAC-SHA256 of the window's secret and the number of whole code periods since the
/// window opened, written in an alphabet without look-alike characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
/// </summary>
public static class CheckInCode
{
    public const string Alphabet = "ACDEFHJKMNPRTUVWXY34679";
    public const int Length = 6;

    public static long Step(DateTime opensAt, int codeSeconds, DateTime now) =>
        (long)Math.Floor((now - opensAt).TotalSeconds / Math.Max(1, codeSeconds));

    /// <summary>Seconds until the code shown at <paramref name="now"/> rotates.</summary>
    public static int SecondsLeft(DateTime opensAt, int codeSeconds, DateTime now)
    {
        var next = opensAt.AddSeconds((Step(opensAt, codeSeconds, now) + 1) * (double)Math.Max(1, codeSeconds));
        return Math.Max(1, (int)Math.Ceiling((next - now).TotalSeconds));
    }

    public static string Compute(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(secret, counter, mac);
        var value = BinaryPrimitives.ReadUInt64BigEndian(mac);
        var code = new StringBuilder(Length);
        for (var i = 0; i < Length; i++)
        {
            code.Append(Alphabet[(int)(value % (ulong)Alphabet.Length)]);
            value /= (ulong)Alphabet.Length;
        }

        return code.ToString();
    }

    public static string Current(CheckInWindow w, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(w);
        return Compute(w.Secret, Math.Max(0, Step(w.OpensAt, w.CodeSeconds, now)));
    }

    /// <summary>Upper case, without spaces or dashes; letters a person may confuse with the alphabet's are not folded (they never occur).</summary>
    public static string Normalize(string? typed) =>
        new((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    /// <summary>Whether the typed code is the current or the previous step's code of the window.</summary>
    /// <summary>
    /// Whether the code was this window's code earlier (before the previous period): a code from a QR link or a screen
    /// that has since rotated. Nobody guesses one (23⁶ codes), so it is answered "the code changed" without counting a
    /// wrong attempt; it still checks nobody in. At most the last 24 hours of periods are compared.
    /// </summary>
    public static bool MatchedEarlier(byte[] secret, DateTime opensAt, int codeSeconds, DateTime now, string normalized)
    {
        if (normalized.Length != Length)
        {
            return false;
        }

        var step = Step(opensAt, codeSeconds, now);
        var typed = Encoding.ASCII.GetBytes(normalized);
        var match = false;
        for (var s = Math.Max(0, step - (86_400 / Math.Max(1, codeSeconds))); s <= step - 2; s++)
        {
            match |= CryptographicOperations.FixedTimeEquals(typed, Encoding.ASCII.GetBytes(Compute(secret, s)));
        }

        return match;
    }

    public static bool Matches(byte[] secret, DateTime opensAt, int codeSeconds, DateTime now, string normalized)
    {
        if (normalized.Length != Length)
        {
            return false;
        }

        var step = Step(opensAt, codeSeconds, now);
        var typed = Encoding.ASCII.GetBytes(normalized);
        var match = false;
        for (var s = Math.Max(0, step - 1); s <= Math.Max(0, step); s++)
        {
            match |= CryptographicOperations.FixedTimeEquals(typed, Encoding.ASCII.GetBytes(Compute(secret, s)));
        }

        return match;
    }

    /// <summary>Minutes credited to someone with only one of the two codes: half the session's credited minutes (at least one).</summary>
    public static int HalfCredit(int sessionCreditedMinutes) => Math.Max(1, sessionCreditedMinutes / 2);
}

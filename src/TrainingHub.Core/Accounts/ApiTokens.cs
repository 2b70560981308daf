using System.Security.Cryptography;
using System.Text;

namespace TrainingHub.Core.Accounts;

/// <summary>Token format and hashing, shared by the use cases that issue and check tokens.</summary>
public static class ApiTokenFormat
{
    public const string Marker = "th_";

    /// <summary>A new token: "th_" and 43 URL-safe characters (256 random bits).</summary>
    public static string NewToken() =>
        Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string PrefixOf(string token) => token[..Math.Min(10, token.Length)];
}

using System.Security.Cryptography;
using System.Text.Json;

namespace TrainingHub.Web.Features.Imports;

/// <summary>
/// Keeps an uploaded file between preview and commit on the server, never in the page: the bytes under the content
/// root's data/imports/{id}, beside who uploaded them and their SHA-256. Loading checks both, so a commit reads
/// exactly the file its uploader previewed, and re-parses and re-validates it. Uploads older than a day are removed.
/// </summary>
public static class ImportUploads
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    private sealed record Meta(string UserId, string Sha256, string FileName, DateTimeOffset UploadedAt);

    public sealed record Upload(Guid Id, string FileName, byte[] Content);

    public static string DirectoryFor(IWebHostEnvironment env, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(config);
        return config["Imports:Directory"] is { Length: > 0 } configured ? configured : Path.Combine(env.ContentRootPath, "data", "imports");
    }

    public static async Task<Guid> SaveAsync(string directory, string userId, string fileName, byte[] content, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(directory);
        Purge(directory, time);
        var id = Guid.NewGuid();
        await File.WriteAllBytesAsync(Path.Combine(directory, $"{id:N}.upload"), content, ct);
        var meta = new Meta(userId, Convert.ToHexString(SHA256.HashData(content)), Path.GetFileName(fileName), time.GetUtcNow());
        await File.WriteAllTextAsync(Path.Combine(directory, $"{id:N}.json"), JsonSerializer.Serialize(meta), ct);
        return id;
    }

    /// <summary>The upload, when it exists, belongs to <paramref name="userId"/> and is unchanged; otherwise null.</summary>
    public static async Task<Upload?> LoadAsync(string directory, Guid id, string userId, CancellationToken ct)
    {
        var metaPath = Path.Combine(directory, $"{id:N}.json");
        var dataPath = Path.Combine(directory, $"{id:N}.upload");
        if (!File.Exists(metaPath) || !File.Exists(dataPath))
        {
            return null;
        }

        var meta = JsonSerializer.Deserialize<Meta>(await File.ReadAllTextAsync(metaPath, ct));
        if (meta is null || !string.Equals(meta.UserId, userId, StringComparison.Ordinal))
        {
            return null;
        }

        var content = await File.ReadAllBytesAsync(dataPath, ct);
        return string.Equals(Convert.ToHexString(SHA256.HashData(content)), meta.Sha256, StringComparison.Ordinal)
            ? new Upload(id, meta.FileName, content)
            : null;
    }

    public static void Delete(string directory, Guid id)
    {
        File.Delete(Path.Combine(directory, $"{id:N}.upload"));
        File.Delete(Path.Combine(directory, $"{id:N}.json"));
    }

    private static void Purge(string directory, TimeProvider time)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - KeepFor;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < cutoff)
            {
                try
                {
                    file.Delete();
                }
                catch (IOException)
                {
                    // Another request is purging too.
                }
            }
        }
    }
}

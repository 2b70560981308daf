using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// A small SMTP server on a free loopback port, for what maildev cannot be asked to do: it counts the connections it
/// accepts, keeps the recipient and Message-ID of every message it accepts, refuses the recipients
/// <see cref="ReplyToRecipient"/> gives a reply for, and can drop the first connection without a word when it has
/// accepted <see cref="DropFirstConnectionAfter"/> messages and the client starts the next one.
/// </summary>
public sealed class SmtpListener : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private int connections;

    public SmtpListener()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref connections);

    /// <summary>Every message accepted (250 after its data): recipient and Message-ID, in order.</summary>
    public ConcurrentQueue<(string To, string MessageId)> Accepted { get; } = new();

    /// <summary>The reply to RCPT TO for an address ("550 ..." refuses it), or null to accept it.</summary>
    public Func<string, string?> ReplyToRecipient { get; init; } = _ => null;

    public int? DropFirstConnectionAfter { get; init; }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var number = Interlocked.Increment(ref connections);
            _ = ServeAsync(client, number == 1 ? DropFirstConnectionAfter : null);
        }
    }

    private async Task ServeAsync(TcpClient client, int? dropAfter)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            try
            {
                await writer.WriteLineAsync("220 listener ESMTP");
                string? to = null;
                string? messageId = null;
                var inData = false;
                var accepted = 0;
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (inData)
                    {
                        if (line == ".")
                        {
                            inData = false;
                            Accepted.Enqueue((to ?? "", messageId ?? ""));
                            accepted++;
                            await writer.WriteLineAsync("250 2.0.0 queued");
                        }
                        else if (messageId is null && line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
                        {
                            messageId = line["Message-ID:".Length..].Trim();
                        }

                        continue;
                    }

                    var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                    if (verb == "MAIL" && accepted == dropAfter)
                    {
                        // The server goes away in the middle of the batch, between two messages.
                        client.Client.Close(0);
                        return;
                    }

                    switch (verb)
                    {
                        case "EHLO":
                            await writer.WriteAsync("250-listener\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                            break;
                        case "MAIL":
                            (to, messageId) = (null, null);
                            await writer.WriteLineAsync("250 2.1.0 ok");
                            break;
                        case "RCPT":
                            var address = line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.LastIndexOf('>')];
                            var reply = ReplyToRecipient(address);
                            to = reply is null ? address : null;
                            await writer.WriteLineAsync(reply ?? "250 2.1.5 ok");
                            break;
                        case "DATA":
                            inData = true;
                            await writer.WriteLineAsync("354 go ahead");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 2.0.0 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 ok");
                            break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away, or the test is over.
            }
        }
    }
}

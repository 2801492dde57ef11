using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraAM.Bot.Protocol.Schema;

/// <summary>
/// Teams' file consent flow, personal chat only (protocol.md §2.8): the bot offers a file, the user accepts or declines
/// in a <c>fileConsent/invoke</c>, and on accept the bot uploads to the user's OneDrive and shows the file card.
/// </summary>
public static class FileConsent
{
    public const string InvokeName = "fileConsent/invoke";
    public const string ConsentContentType = "application/vnd.microsoft.teams.card.file.consent";
    public const string InfoContentType = "application/vnd.microsoft.teams.card.file.info";

    /// <summary>The consent card; <paramref name="context"/> comes back in the invoke (accept and decline alike).</summary>
    public static Attachment ConsentCard(string fileName, string description, long sizeInBytes, JsonElement context) => new()
    {
        ContentType = ConsentContentType,
        Name = fileName,
        Content = JsonSerializer.SerializeToElement(
            new FileConsentCard(description, sizeInBytes, context, context), ProtocolJson.Context.FileConsentCard),
    };

    /// <summary>The card of a file uploaded after consent, from what the invoke's <c>uploadInfo</c> said.</summary>
    public static Attachment InfoCard(FileUploadInfo upload) => new()
    {
        ContentType = InfoContentType,
        ContentUrl = upload.ContentUrl,
        Name = upload.Name,
        Content = JsonSerializer.SerializeToElement(new FileInfoCard(upload.UniqueId, upload.FileType), ProtocolJson.Context.FileInfoCard),
    };
}

public sealed record FileConsentCard(
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("sizeInBytes")] long SizeInBytes,
    [property: JsonPropertyName("acceptContext")] JsonElement AcceptContext,
    [property: JsonPropertyName("declineContext")] JsonElement DeclineContext);

public sealed record FileInfoCard(
    [property: JsonPropertyName("uniqueId")] string? UniqueId,
    [property: JsonPropertyName("fileType")] string? FileType);

/// <summary>The <c>value</c> of a <c>fileConsent/invoke</c>.</summary>
public sealed class FileConsentCardResponse
{
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("context")] public JsonElement? Context { get; set; }
    [JsonPropertyName("uploadInfo")] public FileUploadInfo? UploadInfo { get; set; }

    public bool Accepted => string.Equals(Action, "accept", StringComparison.Ordinal);
}

/// <summary>Where to PUT the accepted file (a OneDrive upload session) and how Teams will name it.</summary>
public sealed class FileUploadInfo
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("uploadUrl")] public string? UploadUrl { get; set; }
    [JsonPropertyName("contentUrl")] public string? ContentUrl { get; set; }
    [JsonPropertyName("uniqueId")] public string? UniqueId { get; set; }
    [JsonPropertyName("fileType")] public string? FileType { get; set; }
}

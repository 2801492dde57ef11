using Microsoft.EntityFrameworkCore.Metadata;

namespace TraAM.Bot.Data;

/// <summary>
/// What raw SQL must pass for a mapped property: the provider's own representation, through the property's converter
/// (SQLite keeps dates with offset as ticks; enums are stored as text). LINQ does this by itself; raw SQL does not.
/// </summary>
internal static class ProviderValues
{
    public static object ToProvider(this IEntityType entity, string property, object value) =>
        entity.FindProperty(property)!.GetTypeMapping().Converter?.ConvertToProvider(value) ?? value;
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TraAM.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Syntheses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SynthesisRecipients",
                table: "Campaigns",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SynthesisDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    AcademyCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ScopeKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    TeamCount = table.Column<int>(type: "INTEGER", nullable: false),
                    BilanCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedByPersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompiledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DiffusedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DiffusedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    MailedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SynthesisDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SynthesisDocuments_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SynthesisDocuments_People_CreatedByPersonId",
                        column: x => x.CreatedByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SynthesisDocuments_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SynthesisDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    OfferedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SynthesisDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SynthesisDeliveries_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SynthesisDeliveries_SynthesisDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "SynthesisDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "Campaigns",
                keyColumn: "Id",
                keyValue: 1,
                column: "SynthesisRecipients",
                value: null);

            migrationBuilder.CreateIndex(
                name: "IX_SynthesisDeliveries_DocumentId_PersonId",
                table: "SynthesisDeliveries",
                columns: new[] { "DocumentId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_SynthesisDeliveries_PersonId",
                table: "SynthesisDeliveries",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SynthesisDocuments_CampaignId",
                table: "SynthesisDocuments",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_SynthesisDocuments_CreatedByPersonId",
                table: "SynthesisDocuments",
                column: "CreatedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SynthesisDocuments_ScopeKey_Version",
                table: "SynthesisDocuments",
                columns: new[] { "ScopeKey", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SynthesisDocuments_ThemeId",
                table: "SynthesisDocuments",
                column: "ThemeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SynthesisDeliveries");

            migrationBuilder.DropTable(
                name: "SynthesisDocuments");

            migrationBuilder.DropColumn(
                name: "SynthesisRecipients",
                table: "Campaigns");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TraAM.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CandidaciesAndCampaignPhases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite 3.35+ drops a column in place; EF's DropColumn would rebuild the table outside the transaction.
            migrationBuilder.Sql("ALTER TABLE \"Campaigns\" DROP COLUMN \"IsCurrent\";");

            migrationBuilder.AddColumn<long>(
                name: "ResultsPublishedAt",
                table: "Themes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultsPublishedByName",
                table: "Themes",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ShownRevision",
                table: "Notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SelectionQuota",
                table: "Campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Selection",
                table: "AcademicTeams",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Candidacies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<long>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    AcademyCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    PreSelected = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedByPersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecisionComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TransmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TransmittedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Candidacies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Candidacies_AcademicTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "AcademicTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Candidacies_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Candidacies_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CandidacyExports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ByPersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CandidacyExports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CandidacyExports_People_ByPersonId",
                        column: x => x.ByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FormVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                    ByPersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FormVersions_People_ByPersonId",
                        column: x => x.ByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CandidacyDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CandidacyId = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ByPersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CandidacyDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CandidacyDecisions_Candidacies_CandidacyId",
                        column: x => x.CandidacyId,
                        principalTable: "Candidacies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CandidacyDecisions_People_ByPersonId",
                        column: x => x.ByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Candidacies_CampaignId_AcademyCode_State",
                table: "Candidacies",
                columns: new[] { "CampaignId", "AcademyCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Candidacies_CampaignId_ThemeId_State",
                table: "Candidacies",
                columns: new[] { "CampaignId", "ThemeId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Candidacies_TeamId",
                table: "Candidacies",
                column: "TeamId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Candidacies_ThemeId",
                table: "Candidacies",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_CandidacyDecisions_ByPersonId",
                table: "CandidacyDecisions",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CandidacyDecisions_CandidacyId_At",
                table: "CandidacyDecisions",
                columns: new[] { "CandidacyId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CandidacyExports_ByPersonId",
                table: "CandidacyExports",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CandidacyExports_CampaignId_ScopeKey",
                table: "CandidacyExports",
                columns: new[] { "CampaignId", "ScopeKey" });

            migrationBuilder.CreateIndex(
                name: "IX_FormVersions_ByPersonId",
                table: "FormVersions",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_FormVersions_Kind_SubjectId_Number",
                table: "FormVersions",
                columns: new[] { "Kind", "SubjectId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CandidacyDecisions");

            migrationBuilder.DropTable(
                name: "CandidacyExports");

            migrationBuilder.DropTable(
                name: "FormVersions");

            migrationBuilder.DropTable(
                name: "Candidacies");

            migrationBuilder.DropColumn(
                name: "ResultsPublishedAt",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "ResultsPublishedByName",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "ShownRevision",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "SelectionQuota",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Selection",
                table: "AcademicTeams");

            migrationBuilder.AddColumn<bool>(
                name: "IsCurrent",
                table: "Campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.UpdateData(
                table: "Campaigns",
                keyColumn: "Id",
                keyValue: 1,
                column: "IsCurrent",
                value: true);
        }
    }
}

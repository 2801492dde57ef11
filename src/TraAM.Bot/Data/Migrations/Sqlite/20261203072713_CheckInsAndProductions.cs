using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TraAM.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CheckInsAndProductions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CheckInRounds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Opens = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Closes = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TeachersMayAnswer = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedByPersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckInRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckInRounds_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CheckInRounds_People_CreatedByPersonId",
                        column: x => x.CreatedByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CheckInRounds_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CheckIns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<long>(type: "INTEGER", nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Overall = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    Confidence = table.Column<int>(type: "INTEGER", nullable: true),
                    HelpWanted = table.Column<bool>(type: "INTEGER", nullable: false),
                    HasBlocker = table.Column<bool>(type: "INTEGER", nullable: false),
                    ByPersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckIns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckIns_AcademicTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "AcademicTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CheckIns_CheckInRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "CheckInRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CheckIns_People_ByPersonId",
                        column: x => x.ByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "TeamRisks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<long>(type: "INTEGER", nullable: false),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    Reasons = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamRisks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamRisks_AcademicTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "AcademicTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TeamRisks_CheckInRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "CheckInRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamProductions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckInId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamProductions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamProductions_AcademicTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "AcademicTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TeamProductions_CheckIns_CheckInId",
                        column: x => x.CheckInId,
                        principalTable: "CheckIns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckInRounds_CampaignId_ThemeId_Opens",
                table: "CheckInRounds",
                columns: new[] { "CampaignId", "ThemeId", "Opens" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckInRounds_CreatedByPersonId",
                table: "CheckInRounds",
                column: "CreatedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckInRounds_Key",
                table: "CheckInRounds",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CheckInRounds_ThemeId",
                table: "CheckInRounds",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_ByPersonId",
                table: "CheckIns",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_RoundId_TeamId",
                table: "CheckIns",
                columns: new[] { "RoundId", "TeamId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_TeamId_SubmittedAt",
                table: "CheckIns",
                columns: new[] { "TeamId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamProductions_CheckInId",
                table: "TeamProductions",
                column: "CheckInId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamProductions_TeamId_Kind",
                table: "TeamProductions",
                columns: new[] { "TeamId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamRisks_RoundId",
                table: "TeamRisks",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamRisks_TeamId_RoundId",
                table: "TeamRisks",
                columns: new[] { "TeamId", "RoundId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TeamProductions");

            migrationBuilder.DropTable(
                name: "TeamRisks");

            migrationBuilder.DropTable(
                name: "CheckIns");

            migrationBuilder.DropTable(
                name: "CheckInRounds");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutcomesAndCommissioning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommissionerKeys",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Secret = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissionerKeys", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_CommissionerKeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Experience = table.Column<int>(type: "INTEGER", nullable: true),
                    Listened = table.Column<int>(type: "INTEGER", nullable: true),
                    Respected = table.Column<int>(type: "INTEGER", nullable: true),
                    Helped = table.Column<int>(type: "INTEGER", nullable: true),
                    Comments = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SubmissionToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackResponses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SupervisorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrainingSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeliveredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AgencyKind = table.Column<int>(type: "INTEGER", nullable: true),
                    AgencyOther = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Audience = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceText = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Topic = table.Column<int>(type: "INTEGER", nullable: false),
                    TopicOther = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Attendees = table.Column<int>(type: "INTEGER", nullable: false),
                    AverageRating = table.Column<decimal>(type: "TEXT", precision: 2, scale: 1, nullable: true),
                    FeedbackComments = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnmetNeeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Need = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    WithdrawnReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnmetNeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnmetNeeds_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_TeamId_CreatedAt",
                table: "Referrals",
                columns: new[] { "TeamId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonReports_TeamId_SentAt",
                table: "LiaisonReports",
                columns: new[] { "TeamId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_TeamId_IdentifiedAt",
                table: "Episodes",
                columns: new[] { "TeamId", "IdentifiedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_TeamId_OccurredAt",
                table: "Contacts",
                columns: new[] { "TeamId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_TeamId_CompletedAt",
                table: "Assessments",
                columns: new[] { "TeamId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackResponses_TeamId_GivenOn",
                table: "FeedbackResponses",
                columns: new[] { "TeamId", "GivenOn" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackResponses_TeamId_SubmissionToken",
                table: "FeedbackResponses",
                columns: new[] { "TeamId", "SubmissionToken" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_TeamId_UserId_Kind_HeldOn",
                table: "SupervisionSessions",
                columns: new[] { "TeamId", "UserId", "Kind", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_UserId",
                table: "SupervisionSessions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingSessions_TeamId_DeliveredOn",
                table: "TrainingSessions",
                columns: new[] { "TeamId", "DeliveredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_UnmetNeeds_EpisodeId_RecordedAt",
                table: "UnmetNeeds",
                columns: new[] { "EpisodeId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UnmetNeeds_PersonId",
                table: "UnmetNeeds",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_UnmetNeeds_TeamId_RecordedAt",
                table: "UnmetNeeds",
                columns: new[] { "TeamId", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommissionerKeys");

            migrationBuilder.DropTable(
                name: "FeedbackResponses");

            migrationBuilder.DropTable(
                name: "SupervisionSessions");

            migrationBuilder.DropTable(
                name: "TrainingSessions");

            migrationBuilder.DropTable(
                name: "UnmetNeeds");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_TeamId_CreatedAt",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_LiaisonReports_TeamId_SentAt",
                table: "LiaisonReports");

            migrationBuilder.DropIndex(
                name: "IX_Episodes_TeamId_IdentifiedAt",
                table: "Episodes");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_TeamId_OccurredAt",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_TeamId_CompletedAt",
                table: "Assessments");
        }
    }
}

package dev.meshshop.platform.catalog;

import dev.meshshop.platform.access.UserText;
import dev.meshshop.platform.access.web.ProblemResponses;
import dev.meshshop.platform.identity.Callers;
import dev.meshshop.platform.ingest.ManualDataset;
import dev.meshshop.platform.ingest.ManualUploads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Self-service for manual data: a domain team lists its manual datasets with what an upload must hold, and uploads a
 * CSV file for a period. A good upload goes into the domain's inbox, which its next refresh loads; a bad one is
 * refused with the reason for each row, and nothing of it is kept (the last good upload stays).
 */
@RestController
@RequestMapping("/api/domains/{domain}/datasets")
@Tag(name = "Manual data", description = "Datasets a domain team keeps by hand and uploads as CSV")
class UploadController {

    private final ObjectProvider<ManualDataset> datasets;
    private final ManualUploads uploads;
    private final Callers callers;

    UploadController(ObjectProvider<ManualDataset> datasets, ManualUploads uploads, Callers callers) {
        this.datasets = datasets;
        this.uploads = uploads;
        this.callers = callers;
    }

    /** A manual dataset as its uploaders need to know it. */
    record DatasetInfo(
            String domain,
            String name,
            String owner,
            String description,
            List<String> columns,
            Map<String, String> forms,
            List<String> key,
            String monthColumn,
            List<ManualUploads.Upload> uploads) {}

    @GetMapping
    @Operation(
            operationId = "listManualDatasets",
            summary = "A domain's manual datasets",
            description = "What each holds, the columns an upload must have and the form of their values, and the"
                    + " uploads taken so far.")
    List<DatasetInfo> list(@PathVariable String domain) {
        return datasets.orderedStream()
                .filter(dataset -> dataset.domain().equals(domain))
                .map(this::info)
                .toList();
    }

    @PostMapping(
            path = "/{name}/uploads",
            consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @Operation(
            operationId = "uploadManualData",
            summary = "Upload a manual dataset for a period",
            description = "The body is the CSV file, UTF-8, with the dataset's header. For the owner domain's team."
                    + " 201 with what was taken; 422 with the reason for each row when the upload is refused.")
    ResponseEntity<?> upload(
            @PathVariable String domain,
            @PathVariable String name,
            @Parameter(description = "the first month of the period, such as 2025-01") @RequestParam String from,
            @Parameter(description = "the last month of the period, such as 2025-12") @RequestParam String to,
            @Parameter(description = "what this upload is, for the log") @RequestParam(defaultValue = "")
                    String description,
            @RequestBody byte[] content) {
        var caller = callers.current();
        if (!caller.actsFor(domain) && !caller.platform()) {
            return ProblemResponses.of(
                    HttpStatus.FORBIDDEN,
                    "Not your domain's data",
                    caller.name() + " does not act for " + UserText.name(domain) + ": only its team uploads its"
                            + " manual data");
        }
        var dataset = datasets.orderedStream()
                .filter(candidate ->
                        candidate.domain().equals(domain) && candidate.name().equals(name))
                .findFirst();
        if (dataset.isEmpty()) {
            return ProblemResponses.of(
                    HttpStatus.NOT_FOUND,
                    "Unknown dataset",
                    "Domain " + UserText.name(domain) + " keeps no manual dataset " + UserText.name(name)
                            + "; it keeps "
                            + list(domain).stream().map(DatasetInfo::name).toList());
        }
        YearMonth first;
        YearMonth last;
        try {
            first = YearMonth.parse(from);
            last = YearMonth.parse(to);
        } catch (DateTimeParseException e) {
            return ProblemResponses.of(
                    HttpStatus.BAD_REQUEST,
                    "Invalid period",
                    "Give the period as months: from=2025-01&to=2025-12, not from=" + UserText.name(from) + "&to="
                            + UserText.name(to));
        }
        try {
            var receipt =
                    uploads.upload(dataset.get(), caller.name(), first, last, UserText.cut(description, 500), content);
            return ResponseEntity.status(HttpStatus.CREATED).body(receipt);
        } catch (ManualUploads.UploadRefused refused) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, refused.getMessage());
            problem.setTitle("Upload refused");
            problem.setProperty("reasons", refused.reasons());
            return ResponseEntity.unprocessableEntity().body(problem);
        }
    }

    private DatasetInfo info(ManualDataset dataset) {
        var forms = new LinkedHashMap<String, String>();
        dataset.export().columns().forEach(column -> forms.put(column.name(), column.described()));
        return new DatasetInfo(
                dataset.domain(),
                dataset.name(),
                dataset.owner(),
                dataset.description(),
                dataset.export().header(),
                forms,
                dataset.key(),
                dataset.monthColumn(),
                uploads.uploads(dataset));
    }
}

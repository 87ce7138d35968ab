import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { isJobRunning as running, JobDetails, JobProgress } from '../components/job-details';
import { jobColor, when } from '../components/labels';
import { Empty, Failed, Loading } from '../components/states';
import { useRouter } from '../router';
import { DataTable } from '../components/data-table';
import { RouteLink } from '../components/route-link';

/** The newest jobs, refreshed while any of them runs. */
export function JobsPage() {
  const { navigate } = useRouter();
  const jobs = useQuery({
    queryKey: ['jobs'],
    queryFn: () => unwrap(api.GET('/api/v1/jobs', { params: { query: { limit: 100 } } })),
    refetchInterval: (query) => (query.state.data?.items.some(running) ? 1000 : 5000),
  });
  return (
    <Stack>
      <Title order={1} size="h2">
        Jobs
      </Title>
      {jobs.isPending ? (
        <Loading what="jobs" />
      ) : jobs.isError ? (
        <Failed error={jobs.error} />
      ) : jobs.data.items.length === 0 ? (
        <Empty>No jobs yet: stock file imports and bulk refreshes and adjustments (Kibo) run as jobs.</Empty>
      ) : (
        <DataTable highlightOnHover data-testid="jobs-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Job</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Location</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Progress</Table.Th>
              <Table.Th>Added</Table.Th>
              <Table.Th>Finished</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.data.items.map((job) => (
              <Table.Tr key={job.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/jobs/${job.id}`)} data-job={job.id}>
                <Table.Td>
                  {/* A link, so the row is reachable and opened from the keyboard too. */}
                  <RouteLink to={`/jobs/${job.id}`}>#{job.id}</RouteLink>
                </Table.Td>
                <Table.Td>{job.kind}</Table.Td>
                <Table.Td>{job.locationCode ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge color={jobColor(job.status)}>{job.status}</Badge>
                </Table.Td>
                <Table.Td w={200}>
                  <JobProgress job={job} />
                  <Text size="xs" c="dimmed">
                    {job.processed} / {job.itemCount}
                  </Text>
                </Table.Td>
                <Table.Td>{when(job.added)}</Table.Td>
                <Table.Td>{when(job.finished)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
    </Stack>
  );
}

/** One job: live progress until it ends, and every rejected line with its reason. */
export function JobPage({ jobId }: { jobId: string }) {
  const job = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{jobId}', { params: { path: { jobId } } })),
    refetchInterval: (query) => (query.state.data && !running(query.state.data) ? false : 500),
  });
  if (job.isPending) return <Loading what={`job ${jobId}`} />;
  if (job.isError) return <Failed error={job.error} />;
  const data = job.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Job #{data.id} · {data.kind} {data.locationCode ? `at ${data.locationCode}` : ''}
        </Title>
        <Badge size="lg" color={jobColor(data.status)} data-testid="job-status">
          {data.status}
        </Badge>
      </Group>
      <JobDetails job={data} />
    </Stack>
  );
}

import { defineModule } from '../module';
import type { CalendarService } from '../calendar/calendar.service';
import { Allocation, AllocationRevision } from './allocation.entity';
import {
  AllocationResolver,
  LoadShareResolver,
  OperationStaffingResolver,
  PersonAllocationResolver,
  ProjectStaffingResolver,
  TeamMemberAllocationResolver,
} from './allocation.resolver';
import { AllocationService } from './allocation.service';

/** Who works on what: people's hours a week on operations and projects, their load against capacity, and staffing. */
export default defineModule({
  name: 'allocation',
  entities: [Allocation, AllocationRevision],
  resolvers: [
    AllocationResolver,
    PersonAllocationResolver,
    TeamMemberAllocationResolver,
    LoadShareResolver,
    ProjectStaffingResolver,
    OperationStaffingResolver,
  ],
  nodeTypes: { Allocation },
  createService: (deps, built) => ({ allocations: new AllocationService(deps, built.calendars as CalendarService) }),
});

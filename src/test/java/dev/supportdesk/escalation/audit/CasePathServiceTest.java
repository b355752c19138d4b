package dev.supportdesk.escalation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricActivityInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.runtime.ActivityInstanceState;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/** Which flows count as taken, from recorded activity instances alone. */
class CasePathServiceTest {

  final List<HistoricActivityInstance> history = new ArrayList<>();
  long clock = 1_000;

  void recorded(String activityId) {
    recorded(activityId, false);
  }

  void recorded(String activityId, boolean canceled) {
    HistoricActivityInstanceEntity instance = new HistoricActivityInstanceEntity();
    instance.setId("instance-" + history.size());
    instance.setActivityId(activityId);
    instance.setParentActivityInstanceId("process");
    instance.setExecutionId("execution");
    instance.setStartTime(new Date(clock++));
    instance.setEndTime(new Date(clock++));
    instance.setActivityInstanceState(canceled ? ActivityInstanceState.CANCELED.getStateCode()
        : ActivityInstanceState.DEFAULT.getStateCode());
    history.add(instance);
  }

  @Test
  void takesTheFlowFromTheBranchThatRanNotTheOneThatWasSkipped() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("P").startEvent("Start")
        .exclusiveGateway("Split")
        .sequenceFlowId("Flow_Yes").condition("yes", "${yes}").userTask("Work")
        .sequenceFlowId("Flow_FromWork").exclusiveGateway("Merge")
        .sequenceFlowId("Flow_ToEnd").endEvent("End")
        .moveToNode("Split").sequenceFlowId("Flow_No").connectTo("Merge")
        .done();
    recorded("Start");
    recorded("Split");
    recorded("Work");
    recorded("Merge");
    recorded("End");

    assertThat(CasePathService.takenFlows(model, history))
        .contains("Flow_Yes", "Flow_FromWork", "Flow_ToEnd").doesNotContain("Flow_No");
  }

  @Test
  void aLoopBackIsTakenWhenTheMergeIsReachedTheSecondTime() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("P").startEvent("Start")
        .sequenceFlowId("Flow_In").exclusiveGateway("Merge")
        .userTask("Work")
        .exclusiveGateway("Again")
        .sequenceFlowId("Flow_Done").condition("done", "${done}").endEvent("End")
        .moveToNode("Again").sequenceFlowId("Flow_Again").condition("again", "${!done}").connectTo("Merge")
        .done();
    recorded("Start");
    recorded("Merge");
    recorded("Work");
    recorded("Again");

    assertThat(CasePathService.takenFlows(model, history)).contains("Flow_In").doesNotContain("Flow_Again", "Flow_Done");

    recorded("Merge");
    recorded("Work");
    recorded("Again");
    recorded("End");

    assertThat(CasePathService.takenFlows(model, history)).contains("Flow_In", "Flow_Again", "Flow_Done");
  }

  @Test
  void aJoiningParallelGatewayTakesEveryBranchThatArrived() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("P").startEvent("Start")
        .parallelGateway("Fork").userTask("Left").sequenceFlowId("Flow_FromLeft").parallelGateway("Join")
        .endEvent("End")
        .moveToNode("Fork").userTask("Right").sequenceFlowId("Flow_FromRight").connectTo("Join")
        .done();
    recorded("Start");
    recorded("Fork");
    recorded("Left");
    recorded("Right");
    recorded("Join");
    recorded("End");

    assertThat(CasePathService.takenFlows(model, history)).contains("Flow_FromLeft", "Flow_FromRight");
  }

  @Test
  void anActivityCanceledByItsBoundaryEventLeavesNoOutgoingFlow() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("P").startEvent("Start")
        .userTask("Work").sequenceFlowId("Flow_Normal").endEvent("Done")
        .moveToActivity("Work").boundaryEvent("Timeout").timerWithDuration("PT1H")
        .sequenceFlowId("Flow_Timeout").endEvent("TimedOut")
        .done();
    recorded("Start");
    recorded("Work", true);
    recorded("Timeout");
    recorded("TimedOut");

    assertThat(CasePathService.takenFlows(model, history)).contains("Flow_Timeout").doesNotContain("Flow_Normal");
  }
}

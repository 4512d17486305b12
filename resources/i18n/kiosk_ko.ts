<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <location filename="../../ui/screens/closed.py" line="232"/>
        <location filename="../../ui/screens/home.py" line="222"/>
        <source>Digital learning spot</source>
        <translation>디지털 배움터</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="30"/>
        <source>Monday</source>
        <translation>월요일</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="30"/>
        <source>Tuesday</source>
        <translation>화요일</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="30"/>
        <source>Wednesday</source>
        <translation>수요일</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="30"/>
        <source>Thursday</source>
        <translation>목요일</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="30"/>
        <source>Friday</source>
        <translation>금요일</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="31"/>
        <source>Saturday</source>
        <translation>토요일</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="31"/>
        <source>Sunday</source>
        <translation>일요일</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="36"/>
        <source>weekdays</source>
        <translation>평일</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="37"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="42"/>
        <source>; </source>
        <translation> / </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="43"/>
        <source>{days}, {start}–{end}</source>
        <translation>{days} {start}~{end}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="54"/>
        <source>today {time}</source>
        <translation>오늘 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="56"/>
        <source>tomorrow {time}</source>
        <translation>내일 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="57"/>
        <source>{day} {time}</source>
        <translation>{day} {time}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="112"/>
        <source>A guide is coming</source>
        <translation>안내사가 오고 있어요</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="112"/>
        <source>A guide has already been called</source>
        <translation>안내사를 이미 불렀어요</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="113"/>
        <source>Please stay here. A digital guide will come to help you soon.</source>
        <translation>여기에서 잠시 기다려 주세요. 디지털 안내사가 곧 도와드리러 와요.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="114"/>
        <source>No guide is here right now</source>
        <translation>지금은 안내사가 없어요</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="130"/>
        <source>I no longer need help</source>
        <translation>이제 괜찮아요</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="132"/>
        <source>A guide has been called. Please wait here.</source>
        <translation>안내사를 불렀어요. 여기에서 기다려 주세요.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="137"/>
        <source>No guide is here now. Next: {when}. Center phone: {phone}</source>
        <translation>지금은 안내사가 없어요. 다음: {when}. 센터 전화: {phone}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="139"/>
        <source>No guide is here now. Next: {when}.</source>
        <translation>지금은 안내사가 없어요. 다음: {when}.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="141"/>
        <source>No guide is here now. Center phone: {phone}</source>
        <translation>지금은 안내사가 없어요. 센터 전화: {phone}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="143"/>
        <source>No guide is here now.</source>
        <translation>지금은 안내사가 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="153"/>
        <source>A digital guide is here {days}, {start}–{end}.</source>
        <translation>디지털 안내사는 {days} {start}~{end}에 있어요.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="156"/>
        <source>A digital guide is here {times}.</source>
        <translation>디지털 안내사는 {times}에 있어요.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="158"/>
        <source>Next: {when}.</source>
        <translation>다음: {when}.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/help_called.py" line="161"/>
        <source>To ask for help now, call the center: {phone}</source>
        <translation>지금 도움이 필요하시면 센터로 전화해 주세요: {phone}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306"/>
        <source>OK</source>
        <translation>확인</translation>
    </message>
    <message>
        <location filename="../../ui/idle_prompt.py" line="43"/>
        <source>Are you still there?</source>
        <translation>아직 계신가요?</translation>
    </message>
    <message>
        <location filename="../../ui/idle_prompt.py" line="44"/>
        <source>If nobody touches the screen, it will go back to the start in {seconds} seconds.</source>
        <translation>화면을 누르지 않으면 {seconds}초 뒤에 처음 화면으로 돌아가요.</translation>
    </message>
    <message>
        <location filename="../../ui/idle_prompt.py" line="47"/>
        <source>Continue</source>
        <translation>계속하기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="20"/>
        <location filename="../../ui/screens/lessons.py" line="43"/>
        <source>Lessons</source>
        <translation>배우기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/assist_section.py" line="52"/>
        <source>All lessons</source>
        <translation>전체 수업</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/assist_section.py" line="56"/>
        <source>Choose a lesson to open for the visitor.</source>
        <translation>방문자에게 열어 줄 수업을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/assist_section.py" line="58"/>
        <location filename="../../ui/screens/lessons.py" line="81"/>
        <source>{count} steps</source>
        <translation>{count}단계</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/assist_section.py" line="63"/>
        <source>{lesson}: choose the step to start at.</source>
        <translation>{lesson}: 시작할 단계를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/assist_section.py" line="68"/>
        <source>Step {number}</source>
        <translation>{number}단계</translation>
    </message>
    <message>
        <location filename="../../ui/screens/lessons.py" line="84"/>
        <source>reached step {step}</source>
        <translation>{step}단계까지 봤어요</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="26"/>
        <location filename="../../ui/screens/home.py" line="226"/>
        <location filename="../../ui/screens/notices.py" line="25"/>
        <source>Notices</source>
        <translation>공지사항</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notices.py" line="38"/>
        <source>Until {date}</source>
        <translation>{date}까지</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notices.py" line="43"/>
        <source>There are no notices today.</source>
        <translation>오늘은 공지사항이 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="145"/>
        <source>This program is not available any more.</source>
        <translation>이 프로그램은 더 이상 볼 수 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="153"/>
        <source>Who it is for</source>
        <translation>대상</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="154"/>
        <source>When</source>
        <translation>일정</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="155"/>
        <source>Where</source>
        <translation>장소</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="156"/>
        <source>How to apply</source>
        <translation>신청 방법</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="157"/>
        <source>Phone</source>
        <translation>전화</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="166"/>
        <source>Point your phone&apos;s camera here to take the details home.</source>
        <translation>휴대전화 카메라를 여기에 비추면 자세한 내용을 가져갈 수 있어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="100"/>
        <location filename="../../ui/screens/practice.py" line="250"/>
        <location filename="../../ui/screens/program_detail.py" line="167"/>
        <source>Listen again</source>
        <translation>다시 듣기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/categories.py" line="19"/>
        <source>What would you like to learn?</source>
        <translation>무엇을 배워 볼까요?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/categories.py" line="29"/>
        <location filename="../../ui/screens/lessons.py" line="73"/>
        <source>{count} lessons</source>
        <translation>수업 {count}개</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="223"/>
        <source>Welcome! Touch what you would like to do.</source>
        <translation>어서 오세요! 하고 싶은 것을 눌러 주세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="224"/>
        <source>Learn digital skills</source>
        <translation>디지털 배우기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="232"/>
        <source>Turn voice off</source>
        <translation>소리 끄기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="232"/>
        <source>Turn voice on</source>
        <translation>소리 켜기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="24"/>
        <location filename="../../ui/screens/home.py" line="225"/>
        <location filename="../../ui/screens/programs.py" line="89"/>
        <source>City programs for you</source>
        <translation>서울시 지원 사업</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="227"/>
        <location filename="../../ui/widgets/bottom_bar.py" line="44"/>
        <source>Call a guide</source>
        <translation>안내사 부르기</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="46"/>
        <location filename="../../ui/widgets/text_size_chooser.py" line="70"/>
        <source>Text size</source>
        <translation>글자 크기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="233"/>
        <source>Open: {hours}</source>
        <translation>운영: {hours}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/programs.py" line="60"/>
        <location filename="../../ui/screens/programs.py" line="73"/>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../ui/screens/programs.py" line="73"/>
        <source>Theme: {theme}</source>
        <translation>주제: {theme}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="86"/>
        <location filename="../../ui/screens/practice.py" line="301"/>
        <source>Well done!</source>
        <translation>잘하셨어요!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="88"/>
        <location filename="../../ui/screens/practice.py" line="303"/>
        <source>You finished “{title}”.</source>
        <translation>‘{title}’ 수업을 마쳤어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="90"/>
        <location filename="../../ui/screens/practice.py" line="251"/>
        <source>Do it again</source>
        <translation>한 번 더 하기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="91"/>
        <location filename="../../ui/screens/practice.py" line="252"/>
        <source>Choose another lesson</source>
        <translation>다른 수업 고르기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="114"/>
        <source>Try this next:</source>
        <translation>다음에는 이것을 해 보세요:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="82"/>
        <location filename="../../ui/screens/practice.py" line="254"/>
        <source>This lesson is not available any more.</source>
        <translation>이 수업은 더 이상 볼 수 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="92"/>
        <location filename="../../ui/screens/practice.py" line="271"/>
        <source>Step {current} of {total}</source>
        <translation>{total}단계 중 {current}단계</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="99"/>
        <source>Previous</source>
        <translation>이전</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="102"/>
        <source>Finish</source>
        <translation>마치기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="102"/>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="18"/>
        <location filename="../../ui/widgets/bottom_bar.py" line="42"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="43"/>
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/banner.py" line="50"/>
        <location filename="../../ui/screens/guide/help_section.py" line="27"/>
        <location filename="../../ui/screens/guide/help_section.py" line="28"/>
        <location filename="../../ui/screens/guide_pin.py" line="91"/>
        <source>Guide mode</source>
        <translation>안내사 모드</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/banner.py" line="51"/>
        <source>Leave guide mode</source>
        <translation>안내사 모드 끝내기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="19"/>
        <source>Lesson topics</source>
        <translation>수업 분야</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="21"/>
        <source>Lesson</source>
        <translation>수업</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="22"/>
        <source>Practice</source>
        <translation>연습</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="23"/>
        <source>Lesson finished</source>
        <translation>수업 마침</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="25"/>
        <source>A city program</source>
        <translation>서울시 지원 사업</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="44"/>
        <source>{time} ({minutes} min ago)</source>
        <translation>{time} ({minutes}분 전)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="45"/>
        <source>This kiosk</source>
        <translation>이 키오스크</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="49"/>
        <source>{screen}: {lesson}</source>
        <translation>{screen}: {lesson}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="51"/>
        <source>step {step}</source>
        <translation>{step}단계</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="54"/>
        <source>Screen: {screen}</source>
        <translation>화면: {screen}</translation>
    </message>
    <message>
        <location filename="../../ui/guide_alert.py" line="92"/>
        <location filename="../../ui/screens/guide/help_section.py" line="62"/>
        <source>People waiting for help: {count}</source>
        <translation>도움을 기다리는 분: {count}명</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="64"/>
        <source>Nobody is waiting for help.</source>
        <translation>도움을 기다리는 분이 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="72"/>
        <source>Open where they were</source>
        <translation>보던 곳 열기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/help_section.py" line="76"/>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="83"/>
        <source>The guide&apos;s hours must end after they start.</source>
        <translation>안내사 근무 시간은 끝나는 시간이 시작 시간보다 늦어야 해요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="103"/>
        <source>Language at the start</source>
        <translation>처음 화면의 언어</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="104"/>
        <source>Text size at the start</source>
        <translation>처음 화면의 글자 크기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="105"/>
        <source>Voice speed</source>
        <translation>목소리 빠르기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="106"/>
        <source>Voice volume</source>
        <translation>목소리 크기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="107"/>
        <source>Start again for the next visitor after</source>
        <translation>다음 방문자를 위해 처음으로 돌아가는 시간</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="108"/>
        <source>Days a guide is here</source>
        <translation>안내사가 있는 요일</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="109"/>
        <source>A guide is here from</source>
        <translation>안내사 근무 시작</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="110"/>
        <source>A guide is here until</source>
        <translation>안내사 근무 끝</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Mon</source>
        <translation>월</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Tue</source>
        <translation>화</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Wed</source>
        <translation>수</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Thu</source>
        <translation>목</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Fri</source>
        <translation>금</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Sat</source>
        <translation>토</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="112"/>
        <source>Sun</source>
        <translation>일</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="117"/>
        <source>Slow</source>
        <translation>느리게</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="117"/>
        <location filename="../../ui/widgets/text_size_chooser.py" line="28"/>
        <source>Normal</source>
        <translation>보통</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="117"/>
        <source>Fast</source>
        <translation>빠르게</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="121"/>
        <source>{minutes} min</source>
        <translation>{minutes}분</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="142"/>
        <source>Saved. The kiosk uses these settings now.</source>
        <translation>저장했어요. 지금부터 이 설정을 써요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="143"/>
        <source>Change the guide PIN</source>
        <translation>안내사 비밀번호 바꾸기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="144"/>
        <source>Close the kiosk program</source>
        <translation>키오스크 프로그램 닫기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="145"/>
        <source>Close the kiosk program? Visitors cannot use it until it is started again.</source>
        <translation>키오스크 프로그램을 닫을까요? 다시 켤 때까지 방문자가 쓸 수 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="146"/>
        <source>Yes, close it</source>
        <translation>네, 닫을게요</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="147"/>
        <source>No, keep it open</source>
        <translation>아니요, 그대로 둘게요</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="152"/>
        <source>The city has set this center&apos;s guide hours: {hours}. The kiosk uses those, not the days and times below.</source>
        <translation>이 센터의 안내사 시간은 시에서 정했어요: {hours}. 키오스크는 아래 요일과 시간 대신 이 시간을 써요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/settings_section.py" line="154"/>
        <source>If the city sets this center&apos;s guide hours, the kiosk uses those instead of the days and times below.</source>
        <translation>시에서 이 센터의 안내사 시간을 정하면, 키오스크는 아래 요일과 시간 대신 그 시간을 써요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="61"/>
        <source>Never</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="64"/>
        <source>Content revision</source>
        <translation>콘텐츠 버전</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="64"/>
        <location filename="../../ui/screens/guide/sync_section.py" line="66"/>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="65"/>
        <source>Last successful sync</source>
        <translation>마지막 동기화 성공</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="66"/>
        <source>Last error</source>
        <translation>마지막 오류</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="67"/>
        <source>Waiting to upload</source>
        <translation>올릴 항목</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="67"/>
        <source>{count} items</source>
        <translation>{count}개</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="72"/>
        <source>Sync now</source>
        <translation>지금 동기화</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="78"/>
        <source>Sync is not set up on this kiosk (no server in its settings).</source>
        <translation>이 키오스크는 동기화가 설정되지 않았어요(설정에 서버가 없어요).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="80"/>
        <source>Sync started. This page updates when it is done.</source>
        <translation>동기화를 시작했어요. 끝나면 이 화면이 바뀌어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="90"/>
        <source>This kiosk is not connected to the city&apos;s server yet, so it shows the content it came with.</source>
        <translation>이 키오스크는 아직 서울시 서버에 연결되지 않아, 처음 설치된 내용을 보여 주고 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="91"/>
        <location filename="../../ui/screens/onboarding.py" line="91"/>
        <source>Connect this kiosk</source>
        <translation>이 키오스크 연결하기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="125"/>
        <source>This kiosk was removed from the fleet on the admin page, so it no longer syncs. Ask a city or district admin to connect it again.</source>
        <translation>이 키오스크는 관리자 페이지에서 목록에서 빠져 더 이상 동기화하지 않습니다. 시청이나 구청 관리자에게 다시 연결해 달라고 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="94"/>
        <source>Connect this kiosk again</source>
        <translation>이 키오스크 다시 연결하기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/sync_section.py" line="127"/>
        <source>The city&apos;s server does not know this kiosk (not authorised), so it does not sync. Connect it again with a new code.</source>
        <translation>서울시 서버가 이 키오스크를 알지 못해(승인되지 않음) 동기화하지 않습니다. 새 코드로 다시 연결하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="89"/>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="90"/>
        <source>This week</source>
        <translation>이번 주</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="99"/>
        <source>Visits</source>
        <translation>방문</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="100"/>
        <source>Lessons started</source>
        <translation>시작한 수업</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="101"/>
        <source>Lessons finished</source>
        <translation>마친 수업</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="102"/>
        <source>Help requests</source>
        <translation>도움 요청</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="108"/>
        <source>Most used lessons</source>
        <translation>많이 본 수업</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="114"/>
        <source>No lessons were started yet.</source>
        <translation>아직 시작한 수업이 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="115"/>
        <source>Help requests by hour</source>
        <translation>시간대별 도움 요청</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/usage_section.py" line="120"/>
        <source>No help requests.</source>
        <translation>도움 요청이 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="110"/>
        <source>Guide panel</source>
        <translation>안내사 화면</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="113"/>
        <source>Help requests ({count})</source>
        <translation>도움 요청 ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="114"/>
        <source>Messages ({count})</source>
        <translation>확인할 일 ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="115"/>
        <source>Usage</source>
        <translation>이용 현황</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="116"/>
        <source>Sync</source>
        <translation>동기화</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="117"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="118"/>
        <source>Open a lesson</source>
        <translation>수업 열어 주기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_panel.py" line="136"/>
        <source>Content may be out of date since {when}; the kiosk could not get fresh content from the city&apos;s server.</source>
        <translation>콘텐츠가 {when}부터 최신이 아닐 수 있어요. 키오스크가 시 서버에서 새 콘텐츠를 받지 못했어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="85"/>
        <source>Choose a guide PIN</source>
        <translation>안내사 비밀번호 정하기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="87"/>
        <source>Type six digits that only the guides know.</source>
        <translation>안내사만 아는 숫자 여섯 자리를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="89"/>
        <source>Type the same six digits again.</source>
        <translation>같은 숫자 여섯 자리를 한 번 더 누르세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="92"/>
        <source>Guides only: type the six-digit PIN.</source>
        <translation>안내사 전용: 비밀번호 여섯 자리를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="96"/>
        <source>One moment...</source>
        <translation>잠시만 기다리세요...</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="99"/>
        <source>Too many wrong tries. Try again in {seconds} seconds.</source>
        <translation>여러 번 틀렸어요. {seconds}초 뒤에 다시 해 보세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="171"/>
        <source>That did not work. Please try again.</source>
        <translation>처리하지 못했습니다. 다시 해 주세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="189"/>
        <source>That PIN is not right. {tries} tries left.</source>
        <translation>비밀번호가 맞지 않아요. {tries}번 남았어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide_pin.py" line="198"/>
        <source>The two PINs were different. Please start again.</source>
        <translation>두 번 누른 숫자가 달라요. 처음부터 다시 해 주세요.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="96"/>
        <source>Delete</source>
        <translation>지우기</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pin_pad.py" line="97"/>
        <source>Clear</source>
        <translation>모두 지우기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/practice.py" line="306"/>
        <source>Time taken: {seconds} seconds</source>
        <translation>걸린 시간: {seconds}초</translation>
    </message>
    <message>
        <location filename="../../ui/screens/practice.py" line="308"/>
        <source>Time taken: {minutes} min {seconds} s</source>
        <translation>걸린 시간: {minutes}분 {seconds}초</translation>
    </message>
    <message>
        <location filename="../../ui/screens/practice.py" line="310"/>
        <source>Hints: {count}</source>
        <translation>도움말: {count}번</translation>
    </message>
    <message>
        <location filename="../../ui/screens/practice.py" line="312"/>
        <source>You did not need a single hint. Excellent!</source>
        <translation>도움말 없이 해내셨어요. 아주 잘하셨어요!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/practice.py" line="314"/>
        <source>Each time you practise, it gets easier.</source>
        <translation>연습할수록 점점 쉬워져요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="25"/>
        <source>There is no voice for {language} on this kiosk, so that language is silent.</source>
        <translation>이 키오스크에는 {language} 음성이 없어서, 그 언어로는 소리가 나지 않아요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="27"/>
        <source>New content was refused. The kiosk keeps showing the content it had.</source>
        <translation>새 콘텐츠를 받지 않았어요. 키오스크는 지금까지의 콘텐츠를 그대로 보여 줘요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="30"/>
        <source>New content uses {count} field(s) this kiosk does not know yet; they are left out. Updating the kiosk software shows them.</source>
        <translation>새 콘텐츠에 이 키오스크가 아직 모르는 항목이 {count}개 있어서 빼고 보여 줘요. 키오스크 소프트웨어를 업데이트하면 보여요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="34"/>
        <source>Sync with the central server is failing: {error}</source>
        <translation>중앙 서버와 동기화가 안 되고 있어요: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="38"/>
        <source>{by} wrote from the admin page: {text}</source>
        <translation>{by} 님이 관리 페이지에서 보낸 메시지: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="41"/>
        <source>The saved settings could not be read, so the default settings are in use.</source>
        <translation>저장된 설정을 읽을 수 없어서 기본 설정으로 쓰고 있어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="54"/>
        <source>Things the kiosk wants you to know: {count}</source>
        <translation>확인해 주실 일: {count}건</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide/messages_section.py" line="56"/>
        <source>Everything is working. There is nothing to report.</source>
        <translation>모두 잘 돌아가고 있어요. 알려 드릴 일이 없어요.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/text_size_chooser.py" line="28"/>
        <source>Large</source>
        <translation>크게</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/text_size_chooser.py" line="28"/>
        <source>Largest</source>
        <translation>아주 크게</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/text_size_chooser.py" line="70"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="106"/>
        <source>1. On a computer or phone, open the kiosks&apos; admin page and choose Connect a kiosk, or scan this QR code.</source>
        <translation>1. 컴퓨터나 휴대전화에서 키오스크 관리자 페이지를 열고 &apos;키오스크 연결&apos;을 누르거나, 이 QR 코드를 찍으세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="108"/>
        <source>2. Type the code shown here and choose this kiosk&apos;s center.</source>
        <translation>2. 여기 보이는 코드를 입력하고 이 키오스크가 있는 기관을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="109"/>
        <source>3. The kiosk connects by itself within a few seconds.</source>
        <translation>3. 몇 초 안에 키오스크가 스스로 연결됩니다.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="114"/>
        <source>Connected to {center}. Getting this center&apos;s content...</source>
        <translation>{center}에 연결되었습니다. 이 기관의 내용을 받고 있습니다...</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="117"/>
        <source>No connection to the server yet. Trying again...</source>
        <translation>아직 서버에 연결되지 않았습니다. 다시 시도하고 있습니다...</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="121"/>
        <source>Waiting for the code to be entered. A new code comes by itself after {time}.</source>
        <translation>코드 입력을 기다리고 있습니다. {time} 이후에는 새 코드가 저절로 나옵니다.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="124"/>
        <source>Asking the server for a code...</source>
        <translation>서버에 코드를 요청하고 있습니다...</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="126"/>
        <source>Start</source>
        <translation>시작하기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/onboarding.py" line="126"/>
        <source>Use the kiosk for now</source>
        <translation>우선 키오스크 사용하기</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="65"/>
        <source>Please come back during the opening hours.</source>
        <translation>운영 시간에 다시 와 주세요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="67"/>
        <source>We open today at {time}</source>
        <translation>오늘 {time}에 문을 열어요</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="69"/>
        <source>We open tomorrow at {time}</source>
        <translation>내일 {time}에 문을 열어요</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="70"/>
        <source>We open on {day} at {time}</source>
        <translation>{day} {time}에 문을 열어요</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="110"/>
        <source>The screen is resting. Touch it to see the opening hours.</source>
        <translation>화면이 쉬고 있어요. 누르면 운영 시간을 볼 수 있어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="233"/>
        <location filename="../../ui/screens/closed.py" line="241"/>
        <source>Closed now</source>
        <translation>지금은 문을 닫았어요</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="235"/>
        <source>Touch the screen to see the opening hours.</source>
        <translation>화면을 누르면 운영 시간을 볼 수 있어요.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="236"/>
        <location filename="../../ui/screens/closed.py" line="244"/>
        <source>Opening hours</source>
        <translation>운영 시간</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed.py" line="239"/>
        <source>Phone: {phone}</source>
        <translation>전화: {phone}</translation>
    </message>
</context>
</TS>
